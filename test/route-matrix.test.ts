// T-AC1: every /api route × every demo role (and no session) × region relation, with the expected
// status derived from the policy table (src/shared/roles.ts), so a new route is covered automatically.
import crypto from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type TestResponse } from './test-app.js';
import { sessionAgent } from './sessions.js';
import { sampleRequest } from './openapi-samples.js';
import { DEMO_ACCOUNTS } from '../src/server/features/accounts/bootstrap.js';
import { importFromChinaDivision } from '../src/server/features/regions/regions.service.js';
import { collectRoutes, type RouteInfo, type RoutePolicy } from '../src/server/http/policy.js';
import { regionCovers } from '../src/server/core/actor.js';
import { PERMISSIONS, ROLE_PERMISSIONS, type RegionLevel, type Role } from '../src/shared/roles.js';

type Relation = 'own' | 'child' | 'sibling' | 'otherTownship' | 'ancestor';
const VISIBLE: Relation[] = ['own', 'child'];
const INVISIBLE: Relation[] = ['sibling', 'otherTownship', 'ancestor'];
const POLICY_401 = '请先登录（会话不存在或已超时）';

interface RegionRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
}

let t: TestApp;
let regions: RegionRow[];
let doc: any;
let routes: RouteInfo[];

const isApi = (r: RouteInfo) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs');

/** May `role` pass the route's policy (before any region check)? Read from the policy table only. */
function allowed(policy: RoutePolicy, role: Role | null): boolean {
  if (policy.access === 'public') return true;
  if (!role) return false;
  if (policy.access === 'session') return true;
  return ROLE_PERMISSIONS[policy.permission].includes(role);
}

const isVillageLevel = (r: RegionRow) => r.level === 'village' || r.level === 'community';

/** The region of each relation to `nodeCode`, taken from the imported NBS data. */
function relationsOf(nodeCode: string): Partial<Record<Relation, string>> {
  const node = regions.find((r) => r.code === nodeCode)!;
  const covers = (code: string) => regionCovers({ regionCode: node.code, level: node.level as RegionLevel }, code);
  const otherTownship = regions
    .filter((r) => isVillageLevel(r) && !covers(r.code) && r.townshipCode !== node.townshipCode)
    .sort(
      (a, b) =>
        Number(b.countyCode === node.countyCode) - Number(a.countyCode === node.countyCode) ||
        a.code.localeCompare(b.code),
    )[0];
  return {
    own: node.code,
    child: regions.find((r) => r.parentCode === node.code)?.code,
    sibling: regions.find((r) => r.parentCode === node.parentCode && r.code !== node.code)?.code,
    otherTownship: otherTownship?.code,
    ancestor: node.parentCode ?? undefined,
  };
}

function describeResponse(res: TestResponse) {
  return `${res.status} ${typeof res.body === 'object' ? JSON.stringify(res.body).slice(0, 200) : String(res.body).slice(0, 80)}`;
}

async function call(agent: Agent, route: RouteInfo, params: Record<string, string>, regionCode: string) {
  const req = sampleRequest(doc, route.method, route.url, params, {
    regionCode,
    unique: crypto.randomBytes(4).toString('hex'),
  });
  const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (req.body ?? {});
  return { url: req.url, res: await agent.request(route.method as 'GET', req.url, body) };
}

beforeAll(async () => {
  t = await createTestApp();
  // A neighbouring county, so that "sibling" and "other township" of a county-level actor exist.
  await importFromChinaDivision(t.deps, { actor: null, ip: null, requestId: 'route-matrix' }, '140403');
  regions = await t.deps.db
    .selectFrom('region')
    .select(['code', 'name', 'level', 'parentCode', 'countyCode', 'townshipCode'])
    .orderBy('code')
    .execute();
  doc = t.app.swagger();
  routes = t.app.routeInventory.filter(isApi);
});
afterAll(() => t.close());

describe('route inventory', () => {
  it('gives every /api route a policy, with known permissions and region parameters that exist', () => {
    expect(routes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const r of routes) {
      if (!r.policy) problems.push(`${r.method} ${r.url}: no policy`);
      else if (r.policy.access === 'permission') {
        if (!PERMISSIONS.includes(r.policy.permission))
          problems.push(`${r.method} ${r.url}: unknown permission ${r.policy.permission}`);
        if (r.policy.regionParam && !r.url.includes(`:${r.policy.regionParam}`))
          problems.push(`${r.method} ${r.url}: regionParam ${r.policy.regionParam} is not a path parameter`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses to start when an /api route has no policy', async () => {
    const app = Fastify();
    collectRoutes(app);
    app.get('/api/unguarded', async () => ({ ok: true }));
    await expect(app.ready()).rejects.toThrow(/routes without a policy: GET \/api\/unguarded/);
    await app.close().catch(() => undefined);
  });
});

describe('route × role × region matrix (expected statuses from ROLE_PERMISSIONS)', () => {
  it('answers every route for no session and every demo role as the policy table says', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    const roleOf = new Map(DEMO_ACCOUNTS.map((a) => [a.username, a]));
    expect(roleOf.size).toBe(8);

    for (const route of routes) {
      const policy = route.policy!;
      const label = `${route.method} ${route.url}`;

      // No session.
      {
        const { url, res } = await call(t.agent(), route, {}, '140404001200');
        cells += 1;
        if (policy.access === 'public') {
          if (res.status >= 500 || res.status === 403 || res.body?.error?.message === POLICY_401)
            mismatches.push(
              `${label} anonymous ${url}: expected the public route to answer, got ${describeResponse(res)}`,
            );
        } else if (res.status !== 401 || res.body?.error?.code !== 'unauthenticated') {
          mismatches.push(`${label} anonymous ${url}: expected 401, got ${describeResponse(res)}`);
        }
      }

      for (const account of DEMO_ACCOUNTS) {
        const role = account.role;
        const ok = allowed(policy, role);
        const regionParam = policy.access === 'permission' ? policy.regionParam : undefined;
        const relations = regionParam ? relationsOf(account.region) : { own: account.region };
        for (const [relation, code] of Object.entries(relations) as [Relation, string | undefined][]) {
          if (!code) continue;
          // A fresh session per request: some routes end the session (logout) or change the account.
          const agent = await sessionAgent(t, account.username);
          const { url, res } = await call(
            agent,
            route,
            regionParam ? { [regionParam]: code } : {},
            regionParam ? code : account.region,
          );
          cells += 1;
          const where = `${label} as ${account.username} (${role})${regionParam ? ` on ${relation} ${code}` : ''} ${url}`;
          if (process.env.MATRIX_DEBUG) console.log('CELL', where, res.status, res.body?.error?.code ?? ''); // MATRIX_DEBUG=1 prints every cell
          if (res.status >= 500) mismatches.push(`${where}: server error ${describeResponse(res)}`);
          else if (policy.access === 'public') {
            // A public route may answer 401 itself (a wrong password), but never with the policy's refusal.
            if (res.status === 403 || res.body?.error?.message === POLICY_401)
              mismatches.push(`${where}: expected the public route to answer, got ${describeResponse(res)}`);
          } else if (!ok) {
            if (res.status !== 403 || res.body?.error?.code !== 'forbidden')
              mismatches.push(`${where}: expected 403 (no permission), got ${describeResponse(res)}`);
          } else if (res.status === 401 || res.status === 403) {
            mismatches.push(`${where}: expected the permitted role to pass, got ${describeResponse(res)}`);
          } else if (regionParam && VISIBLE.includes(relation) && res.status === 404) {
            mismatches.push(`${where}: expected the actor's own subtree to be visible, got ${describeResponse(res)}`);
          } else if (
            regionParam &&
            INVISIBLE.includes(relation) &&
            (res.status !== 404 || res.body?.error?.code !== 'not_found')
          ) {
            mismatches.push(`${where}: expected 404 outside the actor's subtree, got ${describeResponse(res)}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBeGreaterThan(routes.length * 9);
  }, 180_000); // every route × 9 actors × region relations: about 45 s on PostgreSQL alone, more under a full run

  it('tests each region relation against real rows outside (or inside) the actor subtree', () => {
    for (const account of DEMO_ACCOUNTS) {
      const rel = relationsOf(account.region);
      const node = regions.find((r) => r.code === account.region)!;
      const covers = (code: string) => regionCovers({ regionCode: node.code, level: node.level as RegionLevel }, code);
      expect(rel.own && covers(rel.own)).toBe(true);
      if (rel.child) expect(covers(rel.child)).toBe(true);
      for (const r of INVISIBLE) {
        expect(rel[r], `${account.username} ${r}`).toBeTruthy();
        expect(covers(rel[r]!), `${account.username} ${r} ${rel[r]}`).toBe(false);
      }
    }
    // The village actor's relations are the ones the issue names.
    expect(relationsOf('140404001200')).toMatchObject({
      own: '140404001200',
      sibling: '140404001001',
      otherTownship: '140404101200',
      ancestor: '140404001000',
    });
  });
});

describe('Done means: a village cadre sees only their village', () => {
  it('GET /api/regions/140404001200 as demo-village → 200', async () => {
    const a = await t.as('demo-village');
    const res = await a.get('/api/regions/140404001200');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: '140404001200',
      name: '韩店村委会',
      level: 'village',
      townshipCode: '140404001000',
    });
  });

  it('the neighbouring village 140404001202 → 404', async () => {
    const a = await t.as('demo-village');
    expect(regions.some((r) => r.code === '140404001202')).toBe(true);
    const res = await a.get('/api/regions/140404001202');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', message: '未找到该区划，或您无权查看' });
  });

  it('a village of another township (苏店镇 140404101200) → 404, the same answer as a code that does not exist', async () => {
    const a = await t.as('demo-village');
    expect(regions.find((r) => r.code === '140404101200')).toMatchObject({
      name: '苏店村委会',
      townshipCode: '140404101000',
    });
    const other = await a.get('/api/regions/140404101200');
    const missing = await a.get('/api/regions/140404101999');
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
  });

  it('without a session → 401', async () => {
    const res = await t.agent().get('/api/regions/140404001200');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});
