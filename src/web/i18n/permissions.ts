import type { Permission } from '../../shared/roles.js';

/**
 * Chinese and English names of permissions, for the 工作台's "可使用的功能". A permission without a
 * label here is shown by its code; add one whenever src/shared/roles.ts gains a permission.
 * (These could move to src/shared/roles.ts next to ROLE_LABELS.)
 */
export const PERMISSION_LABELS: Partial<Record<Permission, { zh: string; en: string }>> = {
  'regions.read': { zh: '查看区划', en: 'View regions' },
  'regions.manage': { zh: '管理区划', en: 'Manage regions' },
  'departments.manage': { zh: '管理部门', en: 'Manage departments' },
  'users.read': { zh: '查看用户', en: 'View users' },
  'users.manage': { zh: '管理用户', en: 'Manage users' },
  'grants.manage': { zh: '角色授权', en: 'Grant roles' },
  'sessions.manage': { zh: '管理在线会话', en: 'Manage sessions' },
  'admin.requests': { zh: '管理员双人复核', en: 'Two-person review' },
  'audit.read': { zh: '查阅审计日志', en: 'Read the audit log' },
  'catalogs.read': { zh: '查看目录清单', en: 'View catalogs' },
  'catalogs.manage': { zh: '维护目录清单', en: 'Maintain catalogs' },
  'catalogs.approve': { zh: '审批目录调整', en: 'Approve catalog adjustments' },
  'admission.file': { zh: '提交准入申请', en: 'File admission requests' },
  'admission.review': { zh: '审核准入申请', en: 'Review admission requests' },
  'admission.approve': { zh: '审批目录外专项任务', en: 'Approve out-of-catalog tasks' },
  'admission.read': { zh: '查看准入事项', en: 'View admitted tasks' },
  'admission.flag': { zh: '反映未经准入的事项', en: 'Flag un-admitted tasks' },
  'admission.configure': { zh: '配置准入流程', en: 'Configure admission' },
  'certificates.issue': { zh: '开具证明', en: 'Issue certificates' },
  'certificates.read': { zh: '查看证明开具台账', en: 'View the certificate register' },
  'certificates.unmask': { zh: '查看证明中的个人信息', en: 'See personal data on certificates' },
  'certificates.configure': { zh: '配置证明模板', en: 'Configure certificate templates' },
  'campaigns.read': { zh: '查看专项行动', en: 'View campaigns' },
  'campaigns.manage': { zh: '管理专项行动', en: 'Manage campaigns' },
  'ledgers.read': { zh: '查看自查台账', en: 'View ledgers' },
  'ledgers.fill': { zh: '填报自查台账', en: 'Fill in ledgers' },
  'ledgers.import': { zh: '导入台账', en: 'Import ledgers' },
  'ledgers.review': { zh: '审核台账', en: 'Review ledgers' },
  'tasks.read': { zh: '查看整改任务', en: 'View clean-up tasks' },
  'tasks.update': { zh: '办理整改任务', en: 'Work on clean-up tasks' },
  'tasks.manage': { zh: '管理整改任务', en: 'Manage clean-up tasks' },
};
