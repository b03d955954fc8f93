/**
 * Reading one village's ledger (rows in four categories with suggestions and decisions, last cycle's
 * facts where they changed, the workflow history), the ledger list of a campaign, and type-ahead names.
 * Row writes are rows.service.ts, the workflow review.service.ts.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import type { Category, LedgerListQuery, RowResponse, SuggestItem } from '../../../shared/campaigns.js';
import * as regions from '../regions/regions.service.js';
import { effectiveStatus } from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import * as ledgersRepo from './ledgers.repo.js';
import * as rowsRepo from './rows.repo.js';
import { taskIdsByRow, fileById } from './tasks.repo.js';
import { canEditRows, canReadLedger, canSeeCampaign } from './campaigns.policy.js';
import { catalogLookups } from './campaigns.catalog.js';
import type { CatalogLookup } from './campaigns.judge.js';
import { ancestorEqualities, nodeOf } from './campaigns.scope.js';
import { presentLedgerListItem, presentLedgerView, presentRow } from './ledgers.presenter.js';
import { conflict, forbidden, missing } from './campaigns.errors.js';

/** A ledger the actor reads (or imports into) with its campaign; 404 otherwise. */
export async function loadLedger(db: Kysely<DB>, actor: Actor, id: string) {
  const l = await ledgersRepo.findLedger(db, id);
  if (!l || !(canReadLedger(actor, l) || canAt(actor, 'ledgers.import', l.villageCode)))
    return missing('campaigns.error.ledgerNotFound');
  const c = (await repo.findCampaign(db, l.campaignId))!;
  return { l, c };
}

/** A row of a ledger the actor reads, with the ledger and campaign; 404 otherwise. */
export async function loadRow(db: Kysely<DB>, actor: Actor, id: string) {
  const r = await rowsRepo.findRow(db, id);
  if (!r) return missing('campaigns.error.rowNotFound');
  const { l, c } = await loadLedger(db, actor, r.ledgerId);
  return { r, l, c };
}

/** 403 for someone who may not fill the ledger in, 409 when its state forbids changes. */
export function ensureEditable(actor: Actor, l: ledgersRepo.LedgerRecord, c: repo.CampaignRecord) {
  if (canEditRows(actor, l, c)) return;
  if (!canAt(actor, 'ledgers.fill', l.villageCode)) throw forbidden('campaigns.error.fillForbidden');
  if (c.status !== 'active') throw conflict('campaigns.error.campaignNotActive');
  throw conflict('campaigns.error.underReview');
}

/** The catalogs a village's rows are judged against today. */
export function lookupFor(deps: Deps, l: ledgersRepo.LedgerRecord): Promise<CatalogLookup> {
  return catalogLookups(deps, shanghaiDate(deps.clock.now())).forVillage(l.villageCode);
}

export async function listLedgers(deps: Deps, actor: Actor, campaignId: string, q: LedgerListQuery) {
  const c = await repo.findCampaign(deps.db, campaignId);
  if (!c || !canSeeCampaign(actor, c)) return missing('campaigns.error.campaignNotFound');
  const pins = q.region ? ancestorEqualities(await nodeOf(deps, q.region)) : undefined;
  const page = await ledgersRepo.pageLedgers(deps.db, actor, c.id, {
    pins,
    status: q.status,
    search: q.q,
    page: q.page,
    pageSize: q.pageSize,
  });
  const townships = await regions.namesOf(
    deps.db,
    page.items.map((r) => r.townshipCode ?? ''),
  );
  return {
    total: page.total,
    items: page.items.map((r) =>
      presentLedgerListItem(ledgersRepo.toLedger(r), r, townships.get(r.townshipCode ?? '') ?? null),
    ),
  };
}

/** The ledger editor's data: rows by category with suggestions, decisions, last cycle's facts where changed, and the events. */
export async function getLedger(deps: Deps, actor: Actor, id: string) {
  const { l, c } = await loadLedger(deps.db, actor, id);
  const rows = await rowsRepo.rowsOf(deps.db, l.id);
  const prevIds = rows.map((r) => r.prevRowId).filter((x): x is string => !!x);
  const previous = new Map((await rowsRepo.rowsByIds(deps.db, prevIds)).map((p) => [p.id, p]));
  let removed: rowsRepo.RowRecord[] = [];
  if (l.previousLedgerId) {
    const carried = new Set(prevIds);
    removed = (await rowsRepo.rowsOf(deps.db, l.previousLedgerId)).filter((p) => !carried.has(p.id));
  }
  return presentLedgerView(actor, {
    ledger: l,
    campaign: c,
    rows,
    previous,
    removed,
    tasks: await taskIdsByRow(deps.db, l.id),
    events: await ledgersRepo.ledgerEvents(deps.db, l.id),
    guide: await repo.signGuideOf(deps.db, l.countyCode),
  });
}

/** One row with its ledger's version and status: one statement, and one more for last cycle's row when it has one. */
export async function getRow(deps: Deps, actor: Actor, id: string): Promise<RowResponse> {
  const found = await rowsRepo.rowWithLedgerFacts(deps.db, id);
  if (!found) return missing('campaigns.error.rowNotFound');
  const { row: r, ledger: l, taskId } = found;
  if (!(canReadLedger(actor, l) || canAt(actor, 'ledgers.import', l.villageCode)))
    return missing('campaigns.error.ledgerNotFound');
  const prev = r.prevRowId ? await rowsRepo.findRow(deps.db, r.prevRowId) : null;
  return {
    row: presentRow(r, { prev, taskId }),
    ledgerVersion: l.version,
    ledgerStatus: effectiveStatus(l.status, l.approvalStale),
  };
}

const SUGGEST_KINDS: Record<Category, string[]> = {
  sign: ['sign_guide'],
  mechanism: ['mechanism'],
  work_affair: ['duty', 'assistance'],
  certificate: ['certificate', 'negative_certificate'],
};

const item = (x: Partial<SuggestItem> & Pick<SuggestItem, 'name' | 'source'>): SuggestItem => ({
  imposedBy: null,
  itemCode: null,
  kind: null,
  count: 0,
  ...x,
});

/** Names the cadre probably means: catalog items and what other villages of the township entered this cycle. */
export async function suggestNames(deps: Deps, actor: Actor, ledgerId: string, category: Category, q: string) {
  const { l } = await loadLedger(deps.db, actor, ledgerId);
  const lookup = await lookupFor(deps, l);
  const items: SuggestItem[] = [];
  const text = q.trim();
  if (text)
    for (const c of await lookup.search(text, SUGGEST_KINDS[category]))
      items.push(item({ name: c.name, source: 'catalog', itemCode: c.code, kind: c.kind }));
  if (category === 'sign') {
    const guide = await repo.signGuideOf(deps.db, l.countyCode);
    for (const b of guide.allowedBoards)
      if (!text || b.name.includes(text)) items.push(item({ name: b.name, source: 'guide' }));
  }
  for (const r of await rowsRepo.commonNames(deps.db, l, category, text))
    items.push(item({ name: r.name, imposedBy: r.imposedBy || null, source: 'township', count: r.n }));
  const seen = new Set<string>();
  return items
    .filter((i) => {
      const key = `${i.name}|${i.imposedBy ?? ''}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .slice(0, 15);
}

/** The optional photo of a board. */
export async function getRowPhoto(deps: Deps, actor: Actor, rowId: string) {
  const { r } = await loadRow(deps.db, actor, rowId);
  const f = r.photoFileId ? await fileById(deps.db, r.photoFileId) : null;
  if (!f) return missing('campaigns.error.photoNotFound');
  return { data: Buffer.from(f.data), contentType: f.contentType, name: f.name };
}
