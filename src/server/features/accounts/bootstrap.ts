import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { newId, newToken } from '../../core/ids.js';
import { hashPassword } from '../../core/password.js';
import { ROLE_LABELS, type Role } from '../../../shared/roles.js';
import { importFromChinaDivision } from '../regions/regions.service.js';
import * as repo from './accounts.repo.js';
import { newUserRow } from './accounts.users.service.js';
import { normalizeUsername } from './accounts.auth.js';
import { oneTimePassword, rememberPassword } from './accounts.apply.js';
import { RESERVED_USERNAMES } from './accounts.policy.js';

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

/** Creates an account with one grant as the system (audited), in one transaction. */
export async function createAccount(
  deps: Deps,
  a: {
    username: string;
    displayName: string;
    role: Role;
    region: string;
    departmentId: string | null;
    password: string;
    mustChange: boolean;
    demo?: boolean;
  },
  ctx: RequestContext = SYSTEM,
) {
  const passwordHash = await hashPassword(a.password);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.nowIso();
    const id = newId();
    await repo.insertUser(
      trx,
      newUserRow({
        id,
        username: a.username,
        displayName: a.displayName,
        regionCode: a.region,
        departmentId: a.departmentId,
        passwordHash,
        mustChange: a.mustChange,
        demo: !!a.demo,
        now,
      }),
    );
    await rememberPassword(trx, deps, id, passwordHash);
    await repo.insertGrant(trx, {
      id: newId(),
      userId: id,
      role: a.role,
      regionCode: a.region,
      createdAt: now,
      createdBy: null,
    });
    await appendAudit(trx, deps, ctx, {
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
  const existingDeps = await repo.departmentsIn(deps.db, DEMO_COUNTY);
  for (const d of DEMO_DEPARTMENTS) {
    if (existingDeps.has(d.name)) continue;
    const id = newId();
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.nowIso();
      await repo.insertDepartment(trx, {
        id,
        regionCode: DEMO_COUNTY,
        name: d.name,
        kind: d.kind,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
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
  const existing = await repo.allUsernames(deps.db);
  for (const a of DEMO_ACCOUNTS) {
    if (existing.has(a.username)) continue;
    // Documented demo exception: the shared demo password, no forced change, no forced second factor.
    await createAccount(deps, {
      ...a,
      departmentId: a.department ? existingDeps.get(a.department)! : null,
      password: deps.config.demo.password,
      mustChange: false,
      demo: true,
    });
  }
}

/** The three administrators (三员) a new install needs, in this order. */
const ADMIN_SET: { role: Role; prefix: string; displayName: string }[] = [
  { role: 'sysadmin', prefix: 'sysadm', displayName: '系统管理员' },
  { role: 'secadmin', prefix: 'secadm', displayName: '安全管理员' },
  { role: 'auditor', prefix: 'audadm', displayName: '审计管理员' },
];

export interface InitialAdmin {
  role: Role;
  username: string;
  password: string;
}

/**
 * Creates each of the three administrators that no active account holds yet, with the configured
 * names (JIANFU_ADMIN_USERNAMES) or generated ones (no fixed default name), one-time passwords that
 * must be changed at the first sign-in, and TOTP to enrol then (when required). Returns what it
 * created, for printing once. Used by a new install and by `npm run admin:init`.
 */
export async function ensureAdministrators(deps: Deps, regionCode: string): Promise<InitialAdmin[]> {
  const created: InitialAdmin[] = [];
  const names = deps.config.adminUsernames;
  const taken = await repo.allUsernames(deps.db);
  for (const [i, a] of ADMIN_SET.entries()) {
    if ((await repo.activeHoldersOf(deps.db, a.role)).length) continue;
    let username = names
      ? normalizeUsername(names[i])
      : `${a.prefix}-${newToken(3)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, 'x')}`;
    if (RESERVED_USERNAMES.has(username))
      throw new Error(`管理员用户名“${username}”是保留名称，请在 JIANFU_ADMIN_USERNAMES 中换一个 / reserved username`);
    if (taken.has(username)) {
      if (names) throw new Error(`用户名“${username}”已存在 / username already exists: ${username}`);
      username = `${username}${created.length + 1}`;
    }
    const password = oneTimePassword();
    await createAccount(deps, {
      username,
      displayName: a.displayName,
      role: a.role,
      region: regionCode,
      departmentId: null,
      password,
      mustChange: true,
    });
    taken.add(username);
    created.push({ role: a.role, username, password });
  }
  return created;
}

/**
 * A new database without the demo gets its district's regions and the three administrators. Returns
 * them (main.ts prints them once), or an empty list when accounts already exist.
 */
export async function bootstrap(deps: Deps, regionCode: string): Promise<InitialAdmin[]> {
  if (await repo.anyUser(deps.db)) return [];
  await importFromChinaDivision(deps, SYSTEM, regionCode);
  return ensureAdministrators(deps, regionCode.padEnd(12, '0'));
}

/** The banner that shows the initial administrators once (Chinese first, then English). */
export function adminBanner(admins: InitialAdmin[]): string {
  const lines = admins.map(
    (a) =>
      `  ${ROLE_LABELS[a.role].zh} ${ROLE_LABELS[a.role].en}: ${a.username}   一次性密码 one-time password: ${a.password}`,
  );
  return (
    `\n================ 初始管理员（三员） / initial administrators ================\n` +
    `${lines.join('\n')}\n` +
    `  首次登录必须修改密码并绑定动态口令（TOTP）；密码只显示这一次。\n` +
    `  Each must change the password and enrol TOTP at first sign-in; passwords are shown only now.\n` +
    `===========================================================================\n\n`
  );
}
