/**
 * Roles and permissions shared by server and web. A grant is a role on a region node; the node bounds
 * the data (its subtree), the role bounds the actions. The web menu is derived from the same table.
 */
export const ROLES = [
  'village_cadre',
  'township_officer',
  'district_lead',
  'district_approver',
  'department_officer',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** 三员: no account holds two of these, and none of them holds a business role. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];
export const isAdminRole = (r: Role) => ADMIN_ROLES.includes(r);

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  village_cadre: { zh: '村级经办', en: 'Village cadre' },
  township_officer: { zh: '乡镇审核', en: 'Township officer' },
  district_lead: { zh: '区民政', en: 'District lead' },
  district_approver: { zh: '区政府审批', en: 'District approver' },
  department_officer: { zh: '部门经办', en: 'Department officer' },
  sysadmin: { zh: '系统管理员', en: 'System admin' },
  secadmin: { zh: '安全管理员', en: 'Security admin' },
  auditor: { zh: '审计管理员', en: 'Auditor' },
};

export const PERMISSIONS = [
  'regions.read',
  'regions.manage',
  'departments.manage',
  'users.read',
  'users.manage',
  'grants.manage',
  'sessions.manage',
  'admin.requests',
  'audit.read',
  'catalogs.read',
  'catalogs.manage',
  'catalogs.approve',
  'admission.file',
  'admission.review',
  'admission.approve',
  'admission.read',
  'admission.flag',
  'admission.configure',
  'certificates.issue',
  'certificates.read',
  'certificates.unmask',
  'certificates.configure',
  'campaigns.read',
  'campaigns.manage',
  'ledgers.read',
  'ledgers.fill',
  'ledgers.import',
  'ledgers.review',
  'tasks.read',
  'tasks.update',
  'tasks.manage',
  'supervision.read',
  'supervision.handle',
  'supervision.answer',
  'supervision.reveal',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BUSINESS: Role[] = [
  'village_cadre',
  'township_officer',
  'district_lead',
  'district_approver',
  'department_officer',
];

export const ROLE_PERMISSIONS: Record<Permission, readonly Role[]> = {
  'regions.read': [...BUSINESS, 'sysadmin', 'secadmin'],
  'regions.manage': ['sysadmin'],
  'departments.manage': ['sysadmin'],
  'users.read': ['sysadmin', 'secadmin'],
  'users.manage': ['sysadmin'],
  'grants.manage': ['secadmin'],
  // 安全管理员 ends any session and resets a second factor (DB-19, AS-07).
  'sessions.manage': ['secadmin'],
  // The two-person procedure: any of the three administrators requests and reviews (never their own).
  'admin.requests': ['sysadmin', 'secadmin', 'auditor'],
  'audit.read': ['auditor'],
  'catalogs.read': BUSINESS,
  'catalogs.manage': ['district_lead', 'township_officer'],
  'catalogs.approve': ['district_lead'],
  'admission.file': ['department_officer'],
  'admission.review': ['township_officer', 'district_lead'],
  'admission.approve': ['district_approver'],
  'admission.read': BUSINESS,
  'admission.flag': ['village_cadre'],
  'admission.configure': ['district_lead'],
  'certificates.issue': ['village_cadre'],
  'certificates.read': ['village_cadre', 'township_officer', 'district_lead'],
  'certificates.unmask': ['village_cadre'],
  'certificates.configure': ['district_lead'],
  'campaigns.read': BUSINESS,
  'campaigns.manage': ['district_lead'],
  'ledgers.read': ['village_cadre', 'township_officer', 'district_lead', 'district_approver'],
  'ledgers.fill': ['village_cadre'],
  'ledgers.import': ['village_cadre', 'township_officer'],
  'ledgers.review': ['township_officer'],
  'tasks.read': BUSINESS,
  'tasks.update': ['village_cadre', 'township_officer', 'department_officer'],
  'tasks.manage': ['township_officer', 'district_lead'],
  // 监督 (S-9): the district handler accepts, assigns and closes; the township or department assigned answers.
  'supervision.read': ['township_officer', 'district_lead', 'department_officer'],
  'supervision.handle': ['district_lead'],
  'supervision.answer': ['township_officer', 'department_officer'],
  // Only the district handler sees who reported (each view audited).
  'supervision.reveal': ['district_lead'],
};

export const roleHas = (role: Role, permission: Permission) => ROLE_PERMISSIONS[permission].includes(role);

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village', 'community'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, { zh: string; en: string }> = {
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  county: { zh: '区县', en: 'County' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  village: { zh: '村', en: 'Village' },
  community: { zh: '社区', en: 'Community' },
};
