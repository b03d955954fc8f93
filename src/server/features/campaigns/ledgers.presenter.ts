/**
 * Ledgers and their rows as the API shows them (src/shared/campaigns.ts): codes, never labels, and the
 * actor's abilities computed by the same policy the services enforce.
 */
import type { Selectable } from 'kysely';
import type { Actor } from '../../core/actor.js';
import {
  CATEGORIES,
  type Category,
  type Ledger,
  type LedgerListItem,
  type LedgerRowDto,
  type LedgerView,
} from '../../../shared/campaigns.js';
import { counterColumn, effectiveStatus, isNonCompliant, type SignGuide } from './campaigns.model.js';
import type { CampaignRecord } from './campaigns.repo.js';
import type { LedgerRecord } from './ledgers.repo.js';
import type { RowRecord } from './rows.repo.js';
import { ledgerAbilities } from './campaigns.policy.js';
import { presentPhase } from './campaigns.presenter.js';
import type { LedgerTable } from './campaigns.tables.js';

export function presentRow(
  r: RowRecord,
  extra: { prev?: RowRecord | null; taskId?: string | null } = {},
): LedgerRowDto {
  const prev = extra.prev ?? null;
  return {
    id: r.id,
    ledgerId: r.ledgerId,
    category: r.category,
    seq: r.seq,
    name: r.name,
    imposedBy: r.imposedBy,
    basis: r.basis,
    fields: r.fields,
    source: r.source,
    photoFileId: r.photoFileId,
    suggestion: {
      verdict: r.suggestion.verdict,
      clause: r.suggestion.clause,
      reason: r.suggestion.reason,
      itemCode: r.suggestion.itemCode,
      itemName: r.suggestion.itemName,
      matchKind: r.suggestion.matchKind,
      flags: [...r.suggestion.flags],
      catalogVersion: r.suggestion.catalogVersion,
      judgedAt: r.suggestion.judgedAt,
    },
    decision: r.verdict
      ? {
          verdict: r.verdict,
          kind: r.decision ?? 'accepted',
          overrideReason: r.overrideReason,
          decidedBy: r.decidedBy,
          decidedAt: r.decidedAt,
        }
      : null,
    nonCompliant: isNonCompliant(r.verdict),
    cleanup: { status: r.cleanupStatus, taskId: extra.taskId ?? null },
    changeKind: r.changeKind,
    previous: r.prevRowId
      ? {
          rowId: r.prevRowId,
          verdict: r.prevVerdict,
          before:
            prev && r.changeKind === 'changed'
              ? {
                  name: prev.name,
                  imposedBy: prev.imposedBy,
                  basis: prev.basis,
                  fields: prev.fields,
                }
              : null,
        }
      : null,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

export function presentLedger(actor: Actor, l: LedgerRecord, c: CampaignRecord): Ledger {
  return {
    id: l.id,
    campaignId: l.campaignId,
    campaignName: c.name,
    villageCode: l.villageCode,
    villageName: l.villageName,
    villageKind: l.villageKind,
    townshipCode: l.townshipCode,
    status: l.status,
    effectiveStatus: effectiveStatus(l.status, l.approvalStale),
    approvalStale: l.approvalStale,
    returnNote: l.returnNote,
    submittedAt: l.submittedAt,
    reviewedAt: l.reviewedAt,
    approvedAt: l.approvedAt,
    previousLedgerId: l.previousLedgerId,
    version: l.version,
    updatedAt: l.updatedAt,
    abilities: ledgerAbilities(actor, l, c),
  };
}

/** A line of the ledger list: row figures from the ledger's own counters (kept with every row write). */
export function presentLedgerListItem(
  l: LedgerRecord,
  counters: Selectable<LedgerTable>,
  townshipName: string | null,
): LedgerListItem {
  let rows = 0;
  let decided = 0;
  let nonCompliant = 0;
  for (const k of CATEGORIES) {
    rows += Number(counters[counterColumn(k, 'total')]);
    decided += Number(counters[counterColumn(k, 'keep')]);
    for (const v of ['cancel', 'merge', 'rectify'] as const) {
      const n = Number(counters[counterColumn(k, v)]);
      decided += n;
      nonCompliant += n;
    }
  }
  return {
    id: l.id,
    villageCode: l.villageCode,
    villageName: l.villageName,
    villageKind: l.villageKind,
    townshipCode: l.townshipCode,
    townshipName,
    status: l.status,
    effectiveStatus: effectiveStatus(l.status, l.approvalStale),
    approvalStale: l.approvalStale,
    returnNote: l.returnNote,
    submittedAt: l.submittedAt,
    approvedAt: l.approvedAt,
    version: l.version,
    rows,
    undecided: rows - decided,
    nonCompliant,
  };
}

/** The ledger editor's data. */
export function presentLedgerView(
  actor: Actor,
  v: {
    ledger: LedgerRecord;
    campaign: CampaignRecord;
    rows: RowRecord[];
    previous: Map<string, RowRecord>;
    removed: RowRecord[];
    tasks: Map<string, string>;
    events: LedgerView['events'];
    guide: SignGuide;
  },
): LedgerView {
  const views = v.rows.map((r) =>
    presentRow(r, { prev: r.prevRowId ? v.previous.get(r.prevRowId) : null, taskId: v.tasks.get(r.id) ?? null }),
  );
  const byCategory = Object.fromEntries(CATEGORIES.map((k) => [k, views.filter((x) => x.category === k)])) as Record<
    Category,
    LedgerRowDto[]
  >;
  const l = v.ledger;
  return {
    ledger: presentLedger(actor, l, v.campaign),
    counts: {
      total: v.rows.length,
      undecided: v.rows.filter((r) => !r.verdict).length,
      nonCompliant: v.rows.filter((r) => isNonCompliant(r.verdict)).length,
      byCategory: Object.fromEntries(CATEGORIES.map((k) => [k, byCategory[k].length])) as Record<Category, number>,
    },
    rows: byCategory,
    removedSinceLastCycle: v.removed.map((p) => ({
      rowId: p.id,
      category: p.category,
      name: p.name,
      imposedBy: p.imposedBy,
      verdict: p.verdict,
    })),
    events: v.events,
    phases: v.campaign.phases.map(presentPhase),
    signGuide: {
      allowedBoards: v.guide.allowedBoards.map((b) => b.name),
      insideBoards: v.guide.insideBoards.map((b) => b.name),
      max: l.villageKind === 'community' ? v.guide.maxCommunity : v.guide.maxVillage,
      note: v.guide.note,
    },
  };
}
