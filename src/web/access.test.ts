import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, roleHas, type Role } from '../shared/roles.js';
import { accessOf, type AccessFlag } from './access.js';

/** What /api/auth/me would say for an account holding these roles. */
const meOf = (roles: Role[], mustChangePassword = false) => ({
  grants: roles.map((role) => ({ role })),
  permissions: PERMISSIONS.filter((p) => roles.some((r) => roleHas(r, p))),
  mustChangePassword,
});

const MENU_FLAGS: AccessFlag[] = [
  'isBusinessUser',
  'canReadRegions',
  'canReadUsers',
  'canManageUsers',
  'canManageGrants',
  'canReadAudit',
];

describe('accessOf', () => {
  it('gives nothing without a user', () => {
    const a = accessOf(null);
    expect(a.signedIn).toBe(false);
    for (const f of MENU_FLAGS) expect(a[f]).toBe(false);
  });

  it.each<[Role, AccessFlag[]]>([
    ['village_cadre', ['isBusinessUser', 'canReadRegions']],
    ['township_officer', ['isBusinessUser', 'canReadRegions']],
    ['district_lead', ['isBusinessUser', 'canReadRegions']],
    ['district_approver', ['isBusinessUser', 'canReadRegions']],
    ['department_officer', ['isBusinessUser', 'canReadRegions']],
    ['sysadmin', ['canReadRegions', 'canReadUsers', 'canManageUsers']],
    ['secadmin', ['canReadRegions', 'canReadUsers', 'canManageGrants']],
    ['auditor', ['canReadAudit']],
  ])('%s opens exactly its menu flags', (role, expected) => {
    const a = accessOf(meOf([role]));
    expect(a.signedIn).toBe(true);
    expect(MENU_FLAGS.filter((f) => a[f])).toEqual(expected);
  });

  it('marks the three admin roles and only them', () => {
    for (const r of ROLES)
      expect(accessOf(meOf([r])).isAdminUser).toBe(['sysadmin', 'secadmin', 'auditor'].includes(r));
  });

  it('closes everything but the password page while a password change is required', () => {
    const a = accessOf(meOf(['sysadmin'], true));
    expect(a).toMatchObject({ signedIn: true, mustChangePassword: true, canReadUsers: false, canReadRegions: false });
  });

  it('ignores unknown roles and permissions', () => {
    const a = accessOf({ grants: [{ role: 'superuser' }], permissions: ['everything'], mustChangePassword: false });
    expect(MENU_FLAGS.filter((f) => a[f])).toEqual([]);
  });

  it('follows catalog permissions for business roles', () => {
    expect(accessOf(meOf(['district_lead'])).canApproveCatalogs).toBe(true);
    expect(accessOf(meOf(['village_cadre'])).canManageCatalogs).toBe(false);
    expect(accessOf(meOf(['village_cadre'])).canReadCatalogs).toBe(true);
  });
});
