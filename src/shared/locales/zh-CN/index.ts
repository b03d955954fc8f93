/**
 * 简体中文界面与服务端文案（主语言），按功能分文件。每条文案只在这里写一次：网页、服务端错误信息、
 * 通知和导出表格都从这里取中文。en-US 必须提供同样的键（类型检查保证）。
 */
import { common } from './common.js';
import { accounts } from './accounts.js';
import { audit } from './audit.js';
import { regions } from './regions.js';
import { catalogs } from './catalogs.js';
import { campaigns } from './campaigns.js';
import { reasons } from './reasons.js';
import { admission } from './admission.js';
import { certificates } from './certificates.js';
import { notices } from './notices.js';
import { a11y } from './a11y.js';
import { supervision } from './supervision.js';
import { workbench } from './workbench.js';

export const zhCN = {
  ...common,
  ...accounts,
  ...audit,
  ...regions,
  ...catalogs,
  ...campaigns,
  ...reasons,
  ...admission,
  ...certificates,
  ...notices,
  ...a11y,
  ...supervision,
  ...workbench,
};

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
