/**
 * How complete each kind of catalog is for a region (issue 9): complete, partial or missing. The district
 * sets it when it imports official tables or adopts a list (or by hand, audited); otherwise it is derived
 * from the catalogs in force — complete only when a list of that kind in force is itself complete. A
 * judgement that rests on "not in the catalog" is trusted only where its kind is complete: elsewhere the
 * answer is 待核实（目录未完整）, never "cancel" and never "needs the district government".
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { AuthedContext, Actor } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { CATALOG_KINDS, type CatalogKind, type Completeness } from '../../../shared/catalogs.js';
import { layersOf, type Effective } from './catalogs.model.js';
import { canCreateCatalogAt, canReadRegion, isLayerLevel } from './catalogs.policy.js';
import * as regions from '../regions/regions.service.js';
import { missing } from './catalogs.effective.js';
import * as repo from './catalogs.status.repo.js';

export interface KindCompleteness {
  kind: CatalogKind;
  status: Completeness;
  /** set: by the district (or township) at `layer`; derived: from the catalogs in force. */
  source: 'set' | 'derived';
  layer: string | null;
  note: string | null;
  setAt: string | null;
  setByName: string | null;
  version: number;
}

/** What the catalogs in force say about a kind: complete only if one of its lists is complete. */
export function derivedCompleteness(eff: Effective, kind: CatalogKind): Completeness {
  const active = eff.active.filter((a) => a.catalog.kind === kind);
  if (active.some((a) => a.catalog.complete)) return 'complete';
  return eff.items.some((i) => i.kind === kind) ? 'partial' : 'missing';
}

/** Per kind, the status set at the nearest layer (township over district), else the derived one. */
export function completenessFrom(
  eff: Effective,
  set: {
    regionCode: string;
    kind: string;
    status: string;
    note: string | null;
    setAt: string;
    setByName: string | null;
    version: number;
  }[],
): Record<CatalogKind, KindCompleteness> {
  const layers = layersOf(eff.regionCode);
  const out = {} as Record<CatalogKind, KindCompleteness>;
  for (const kind of CATALOG_KINDS) {
    const nearest = set
      .filter((s) => s.kind === kind && layers.includes(s.regionCode))
      .sort((a, b) => layers.indexOf(b.regionCode) - layers.indexOf(a.regionCode))[0];
    out[kind] = nearest
      ? {
          kind,
          status: nearest.status as Completeness,
          source: 'set',
          layer: nearest.regionCode,
          note: nearest.note,
          setAt: nearest.setAt,
          setByName: nearest.setByName,
          version: nearest.version,
        }
      : {
          kind,
          status: derivedCompleteness(eff, kind),
          source: 'derived',
          layer: null,
          note: null,
          setAt: null,
          setByName: null,
          version: 0,
        };
  }
  return out;
}

/** Completeness of every kind for the region of an effective catalog. */
export async function completenessOf(db: Kysely<DB>, eff: Effective) {
  return completenessFrom(eff, await repo.statusesAt(db, layersOf(eff.regionCode)));
}

/**
 * Sets a kind's completeness at a district or township layer (catalogs.approve there), with an audit row.
 * `version` is the status's version as read (0 when none was set).
 */
export async function setCompleteness(
  deps: Deps,
  ctx: AuthedContext,
  input: {
    region: string;
    kind: CatalogKind;
    status: Completeness;
    note: string | null;
    version: number;
    source?: 'manual' | 'import' | 'adopt';
    catalogId?: string | null;
  },
  db: Kysely<DB> = deps.db,
) {
  const region = (await regions.byCode(db, input.region)) ?? missing('region');
  if (!canReadRegion(ctx.actor, region.code)) missing('region');
  if (!isLayerLevel(region.level) || !canCreateCatalogAt(ctx.actor, { code: region.code, level: region.level }))
    throw new AppError('forbidden', msg('catalogs.error.completenessForbidden'));
  const now = deps.clock.nowIso();
  const row = {
    regionCode: region.code,
    kind: input.kind,
    status: input.status,
    note: input.note,
    source: input.source ?? 'manual',
    catalogId: input.catalogId ?? null,
    setBy: ctx.actor.userId,
    setByName: ctx.actor.displayName,
    setAt: now,
    version: 1,
  };
  const write = async (trx: Kysely<DB>) => {
    const before = await repo.statusOf(trx, region.code, input.kind);
    if (!before) {
      if (input.version !== 0) throw new AppError('conflict', msg('catalogs.error.completenessStale'));
      await repo.insertStatus(trx, row);
    } else if (!(await repo.updateStatus(trx, row, input.version)))
      throw new AppError('conflict', msg('catalogs.error.completenessStale'));
    await appendAudit(trx, deps, ctx, {
      action: 'catalogs.completeness',
      entity: 'catalog_kind_status',
      entityId: `${region.code}:${input.kind}`,
      regionCode: region.code,
      before: before ? { status: before.status, note: before.note } : null,
      after: { status: input.status, note: input.note, source: row.source, catalogId: row.catalogId },
    });
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  return { regionCode: region.code, kind: input.kind, status: input.status };
}

/** For readers of a region's catalogs: who may set its completeness. */
export const canSetCompleteness = (actor: Actor, region: { code: string; level: string }) =>
  isLayerLevel(region.level) && canCreateCatalogAt(actor, region);

/** The completeness of every kind for a region the actor may read, today. */
export async function listCompleteness(deps: Deps, actor: Actor, regionCode: string, eff: Effective) {
  const region = (await regions.byCode(deps.db, regionCode)) ?? missing('region');
  if (!canReadRegion(actor, region.code)) missing('region');
  const kinds = await completenessOf(deps.db, eff);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    date: eff.date,
    kinds: CATALOG_KINDS.map((k) => kinds[k]),
    canSet: canSetCompleteness(actor, region),
  };
}
