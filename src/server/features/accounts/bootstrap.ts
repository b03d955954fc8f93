import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { newId, newToken } from '../../core/ids.js';
import { hashPassword } from '../../core/password.js';
import type { Role } from '../../../shared/roles.js';
import { importFromChinaDivision } from '../regions/regions.service.js';

const SYSTEM: RequestContext = { actor: null, ip: null, requestId: 'bootstrap' };

/** The demo district: 长治市上党区 (NBS 140404). */
export const DEMO_COUNTY = '140404000000';

/** Departments of the demo district (party, government and mass organisations at county level). */
const DEMO_DEPARTMENTS: { name: string; kind: 'party' | 'government' | 'mass' }[] = [
  { name: '中共长治市上党区委组织部', kind: 'party' },
  { name: '长治市上党区民政局', kind: 'government' },
  { name: '长治市上党区农业农村局', kind: 'government' },
  { name: '长治市上党区卫生健康局', kind: 'government' },
  { name: '长治市上党区司法局', kind: 'government' },
  { name: '长治市上党区妇女联合会', kind: 'mass' },
];

export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  role: Role;
  region: string;
  department?: string;
}[] = [
  { username: 'demo-district', displayName: '区民政局（演示）', role: 'district_lead', region: DEMO_COUNTY },
  { username: 'demo-approver', displayName: '区政府审批人（演示）', role: 'district_approver', region: DEMO_COUNTY },
  { username: 'demo-township', displayName: '韩店街道（演示）', role: 'township_officer', region: '140404001000' },
  { username: 'demo-village', displayName: '韩店村委会（演示）', role: 'village_cadre', region: '140404001200' },
  {
    username: 'demo-department',
    displayName: '区农业农村局（演示）',
    role: 'department_officer',
    region: DEMO_COUNTY,
    department: '长治市上党区农业农村局',
  },
  { username: 'demo-sysadmin', displayName: '系统管理员（演示）', role: 'sysadmin', region: DEMO_COUNTY },
  { username: 'demo-secadmin', displayName: '安全管理员（演示）', role: 'secadmin', region: DEMO_COUNTY },
  { username: 'demo-auditor', displayName: '审计管理员（演示）', role: 'auditor', region: DEMO_COUNTY },
];

async function createAccount(
  deps: Deps,
  a: {
    username: string;
    displayName: string;
    role: Role;
    region: string;
    departmentId: string | null;
    password: string;
    mustChange: boolean;
  },
) {
  const passwordHash = await hashPassword(a.password);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.nowIso();
    const id = newId();
    await trx
      .insertInto('appUser')
      .values({
        id,
        username: a.username,
        displayName: a.displayName,
        regionCode: a.region,
        departmentId: a.departmentId,
        passwordHash,
        mustChangePassword: a.mustChange ? 1 : 0,
        passwordChangedAt: null,
        failedCount: 0,
        lockedUntil: null,
        status: 'active',
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('grant')
      .values({ id: newId(), userId: id, role: a.role, regionCode: a.region, createdAt: now, createdBy: null })
      .execute();
    await appendAudit(trx, deps, SYSTEM, {
      action: 'users.create',
      entity: 'user',
      entityId: id,
      actorName: 'system',
      regionCode: a.region,
      after: { username: a.username, role: a.role, regionCode: a.region },
    });
  });
}

/** Loads the demo district and its accounts (idempotent: missing pieces are added, nothing is duplicated). */
export async function loadDemo(deps: Deps) {
  await importFromChinaDivision(deps, SYSTEM, '140404');
  const existingDeps = new Map(
    (await deps.db.selectFrom('department').select(['id', 'name']).where('regionCode', '=', DEMO_COUNTY).execute()).map(
      (d) => [d.name, d.id],
    ),
  );
  for (const d of DEMO_DEPARTMENTS) {
    if (existingDeps.has(d.name)) continue;
    const id = newId();
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.nowIso();
      await trx
        .insertInto('department')
        .values({ id, regionCode: DEMO_COUNTY, name: d.name, kind: d.kind, createdAt: now, updatedAt: now, version: 1 })
        .execute();
      await appendAudit(trx, deps, SYSTEM, {
        action: 'departments.create',
        entity: 'department',
        entityId: id,
        actorName: 'system',
        regionCode: DEMO_COUNTY,
        after: d,
      });
    });
    existingDeps.set(d.name, id);
  }
  const existing = new Set((await deps.db.selectFrom('appUser').select('username').execute()).map((u) => u.username));
  for (const a of DEMO_ACCOUNTS) {
    if (existing.has(a.username)) continue;
    await createAccount(deps, {
      ...a,
      departmentId: a.department ? existingDeps.get(a.department)! : null,
      password: deps.config.demo.password,
      mustChange: false,
    });
  }
}

/**
 * A new database without the demo gets its district's regions and one system administrator whose
 * one-time password is returned (main.ts prints it once). Returns null when accounts already exist.
 */
export async function bootstrap(
  deps: Deps,
  regionCode: string,
): Promise<{ username: string; password: string } | null> {
  const any = await deps.db.selectFrom('appUser').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  await importFromChinaDivision(deps, SYSTEM, regionCode);
  const password = `Jf-${newToken(12)}`;
  await createAccount(deps, {
    username: 'sysadmin',
    displayName: '系统管理员',
    role: 'sysadmin',
    region: regionCode.padEnd(12, '0'),
    departmentId: null,
    password,
    mustChange: true,
  });
  return { username: 'sysadmin', password };
}
