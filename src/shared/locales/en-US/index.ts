import type { Messages } from '../zh-CN/index.js';
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

/** English (second language), one file per feature like zh-CN. */
export const enUS: Messages = {
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
