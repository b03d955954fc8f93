// T-AC3 (三员分立): the grant rule as a table, then the same refusal through the API and in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.js';
import { newId } from '../../core/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { REGION_LEVEL_LABELS, ROLE_LABELS, ROLES, type RegionLevel, type Role } from '../../../shared/roles.js';
import { grantProblem, ROLE_LEVELS } from './accounts.policy.js';

const SEPARATION = /三员分立/;

describe('grantProblem (pure)', () => {
  it.each<[string, Role[], Role, RegionLevel, boolean, RegExp | null]>([
    // two admin roles on one account
    ['sysadmin + secadmin', ['sysadmin'], 'secadmin', 'county', false, /不能由同一账户兼任/],
    ['sysadmin + auditor', ['sysadmin'], 'auditor', 'county', false, /不能由同一账户兼任/],
    ['secadmin + sysadmin', ['secadmin'], 'sysadmin', 'county', false, /不能由同一账户兼任/],
    ['secadmin + auditor', ['secadmin'], 'auditor', 'county', false, /不能由同一账户兼任/],
    ['auditor + sysadmin', ['auditor'], 'sysadmin', 'county', false, /不能由同一账户兼任/],
    ['auditor + secadmin', ['auditor'], 'secadmin', 'township', false, /不能由同一账户兼任/],
    // admin + business, either way round
    ['sysadmin + district_lead', ['sysadmin'], 'district_lead', 'county', false, /不能同时持有业务角色/],
    ['auditor + village_cadre', ['auditor'], 'village_cadre', 'village', false, /不能同时持有业务角色/],
    ['district_lead + sysadmin', ['district_lead'], 'sysadmin', 'county', false, /不能同时持有业务角色/],
    ['township_officer + secadmin', ['township_officer'], 'secadmin', 'township', false, /不能同时持有业务角色/],
    ['village_cadre + auditor', ['village_cadre'], 'auditor', 'county', false, /不能同时持有业务角色/],
    // level constraints
    ['village_cadre on a township', [], 'village_cadre', 'township', false, /不能授予在.+级区划上/],
    ['village_cadre on a county', [], 'village_cadre', 'county', false, /不能授予在.+级区划上/],
    ['township_officer on a village', [], 'township_officer', 'village', false, /不能授予在.+级区划上/],
    ['township_officer on a county', [], 'township_officer', 'county', false, /不能授予在.+级区划上/],
    ['district_lead on a township', [], 'district_lead', 'township', false, /不能授予在.+级区划上/],
    ['sysadmin on a village', [], 'sysadmin', 'village', false, /不能授予在.+级区划上/],
    ['auditor on a community', [], 'auditor', 'community', false, /不能授予在.+级区划上/],
    // department officers need a department
    ['department_officer without a department', [], 'department_officer', 'county', false, /须先为用户指定所属部门/],
    // allowed
    ['village_cadre on a village', [], 'village_cadre', 'village', false, null],
    ['village_cadre on a community', [], 'village_cadre', 'community', false, null],
    ['township_officer on a township', [], 'township_officer', 'township', false, null],
    ['district_lead on a county', [], 'district_lead', 'county', false, null],
    [
      'district_lead + district_approver (two business roles)',
      ['district_lead'],
      'district_approver',
      'county',
      false,
      null,
    ],
    ['department_officer with a department', [], 'department_officer', 'county', true, null],
    ['sysadmin alone', [], 'sysadmin', 'county', false, null],
    ['the same admin role on a second node', ['secadmin'], 'secadmin', 'township', false, null],
  ])('%s', (_name, existing, role, level, hasDepartment, expected) => {
    const problem = grantProblem(existing, role, level, hasDepartment);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('names the role and the level in Chinese when the level does not fit', () => {
    expect(grantProblem([], 'village_cadre', 'township', false)).toMatch(
      new RegExp(`${ROLE_LABELS.village_cadre.zh}.*${REGION_LEVEL_LABELS.township.zh.replace(/[()（）]/g, '.')}`),
    );
  });

  it('refuses every pair of distinct admin roles and every admin/business mix (exhaustive)', () => {
    const admins: Role[] = ['sysadmin', 'secadmin', 'auditor'];
    for (const a of ROLES) {
      for (const b of ROLES) {
        const level = ROLE_LEVELS[b][0];
        const problem = grantProblem([a], b, level, true);
        const mixesAdmin = (admins.includes(a) || admins.includes(b)) && a !== b;
        if (mixesAdmin) expect(problem, `${a} + ${b}`).toMatch(SEPARATION);
        else expect(problem, `${a} + ${b}`).toBeNull();
      }
    }
  });
});

describe('三员分立 through the API and the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userId = async (username: string) =>
    (await t.deps.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const grantCount = async (id: string) =>
    Number(
      (
        await t.deps.db
          .selectFrom('grant')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('userId', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditCount = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('secadmin granting auditor to the sysadmin account → 409 with a Chinese reason, nothing written', async () => {
    const sec = await t.as('demo-secadmin');
    const sysadmin = await userId('demo-sysadmin');
    const [grants, audits] = [await grantCount(sysadmin), await auditCount()];
    const res = await sec.post('/api/grants', { userId: sysadmin, role: 'auditor', regionCode: '140404000000' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toMatch(/三员分立.*不能由同一账户兼任/);
    expect(await grantCount(sysadmin)).toBe(grants);
    expect(await auditCount()).toBe(audits);
  });

  it('secadmin granting a business role to an admin account → 409', async () => {
    const sec = await t.as('demo-secadmin');
    const res = await sec.post('/api/grants', {
      userId: await userId('demo-auditor'),
      role: 'district_lead',
      regionCode: '140404000000',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/不能同时持有业务角色/);
  });

  it('only the secadmin may grant: the sysadmin gets 403', async () => {
    const sys = await t.as('demo-sysadmin');
    const res = await sys.post('/api/grants', {
      userId: await userId('demo-village'),
      role: 'village_cadre',
      regionCode: '140404001203',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('the partial unique index refuses a second admin role at the database level too', async () => {
    const sysadmin = await userId('demo-sysadmin');
    const insert = (role: Role) =>
      t.deps.db
        .insertInto('grant')
        .values({
          id: newId(),
          userId: sysadmin,
          role,
          regionCode: '140404000000',
          createdAt: t.clock.nowIso(),
          createdBy: null,
        })
        .execute();
    for (const role of ['auditor', 'secadmin'] as const) {
      const err = await insert(role).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, role).toBeTruthy();
      expect(isUniqueViolation(err), role).toBe(true);
    }
    // A business role is not in the index (the service refuses that one): the index covers admin roles only.
    expect(await grantCount(sysadmin)).toBe(1);
  });
});
