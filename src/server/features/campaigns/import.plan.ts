/**
 * The second half of a ledger import, before anything is written: judge every row against today's
 * catalogs (signs together with the ledger's other signs, since their count limit spans the village),
 * compare with the rows already in the ledgers, and plan inserts and updates. A verdict that differs
 * from the suggestion without a reason is a row error.
 */
import type { Deps } from '../../deps.js';
import { newId } from '../../core/ids.js';
import type { RowError } from '../../../shared/errors.js';
import { CATEGORIES } from '../../../shared/campaigns.js';
import { effectiveStatus, groupBy, verdictName, type RowInput } from './campaigns.model.js';
import type { CampaignRecord } from './campaigns.repo.js';
import { signGuideOf } from './campaigns.repo.js';
import * as rowsRepo from './rows.repo.js';
import * as rowsWrite from './rows.write.repo.js';
import type { CatalogLookups } from './campaigns.catalog.js';
import { judgeRow, judgeSigns, type Suggestion } from './campaigns.judge.js';
import { rowError, type ParsedRow } from './import.rows.js';
import type { LedgerRowTable } from './campaigns.tables.js';

export interface PlannedUpdate {
  row: rowsRepo.RowRecord;
  /** The file's facts; null when only the suggestion changes (a sign the file does not list). */
  input: RowInput | null;
  suggestion: Suggestion;
  decision: rowsWrite.DecisionColumns;
}

const UNDECIDED: rowsWrite.DecisionColumns = { verdict: null, decision: null, overrideReason: null };

/** The decision a row keeps under a new suggestion: an accepted verdict the suggestion no longer gives is withdrawn. */
const keptDecision = (r: rowsRepo.RowRecord, s: Suggestion): rowsWrite.DecisionColumns =>
  r.decision === 'accepted' && r.verdict !== s.verdict
    ? UNDECIDED
    : { verdict: r.verdict, decision: r.decision, overrideReason: r.overrideReason };

export async function planImport(
  deps: Deps,
  c: CampaignRecord,
  parsed: ParsedRow[],
  o: { lookups: CatalogLookups; userId: string; now: string; progress: (done: number) => Promise<void> },
) {
  const byLedger = groupBy(parsed, (p) => p.ledger.id);
  // Existing rows of the same ledgers are the baseline.
  const existing = groupBy(
    await rowsRepo.rowsOfLedgers(deps.db, [...byLedger.keys()], { chunk: 200 }),
    (r) => r.ledgerId,
  );
  const memo = new Map<string, Suggestion>();
  const inserts: LedgerRowTable[] = [];
  const updates: PlannedUpdate[] = [];
  const errors: RowError[] = [];
  let unchanged = 0;
  let judged = 0;
  for (const [ledgerId, items] of byLedger) {
    const l = items[0].ledger;
    const lookup = await o.lookups.forVillage(l.villageCode);
    const current = existing.get(ledgerId) ?? [];
    const currentByKey = new Map(current.map((r) => [`${r.category}|${r.naturalKey}`, r]));
    const seqNext = new Map(
      CATEGORIES.map((k) => [k, Math.max(0, ...current.filter((r) => r.category === k).map((r) => r.seq)) + 1]),
    );
    const planned = items.map((p) => {
      const old = currentByKey.get(`${p.input.category}|${p.key}`);
      const id = old?.id ?? newId();
      const seq = old?.seq ?? seqNext.get(p.input.category)!;
      if (!old) seqNext.set(p.input.category, seq + 1);
      return { p, old, id, seq };
    });
    const signs = new Map<string, { id: string; seq: number; input: RowInput }>();
    for (const r of current)
      if (r.category === 'sign') signs.set(r.id, { id: r.id, seq: r.seq, input: rowsRepo.inputOf(r) });
    for (const x of planned)
      if (x.p.input.category === 'sign') signs.set(x.id, { id: x.id, seq: x.seq, input: x.p.input });
    const signJudged = signs.size
      ? await judgeSigns(
          [...signs.values()],
          await signGuideOf(deps.db, l.countyCode),
          l.villageKind,
          lookup.versionId,
          lookup,
        )
      : new Map<string, Suggestion>();
    const judge = async (input: RowInput, id: string, hash: string) => {
      if (input.category === 'sign') return signJudged.get(id)!;
      const k = `${lookup.versionId}|${hash}`;
      let s = memo.get(k);
      if (!s) memo.set(k, (s = await judgeRow(input, lookup)));
      return s;
    };
    const importedIds = new Set<string>();
    for (const { p, old, id, seq } of planned) {
      importedIds.add(id);
      const s = await judge(p.input, id, p.hash);
      let decision: rowsWrite.DecisionColumns;
      if (p.verdict) {
        if (p.verdict !== s.verdict && !p.overrideReason) {
          errors.push(
            rowError({ sheet: p.sheet, row: p.row, column: p.reasonColumn }, 'campaigns.importError.reasonMissing', {
              verdict: verdictName(p.verdict),
              suggested: verdictName(s.verdict),
            }),
          );
          continue;
        }
        decision =
          p.verdict === s.verdict
            ? { verdict: p.verdict, decision: 'accepted', overrideReason: null }
            : { verdict: p.verdict, decision: 'overridden', overrideReason: p.overrideReason };
      } else decision = old ? keptDecision(old, s) : UNDECIDED;
      if (!old) {
        inserts.push(
          rowsWrite.newRowValues(l, effectiveStatus(l.status, l.approvalStale), {
            id,
            seq,
            input: p.input,
            suggestion: s,
            now: o.now,
            createdBy: o.userId,
            source: 'import',
            changeKind: c.previousCampaignId ? 'new' : null,
            naturalKey: p.key,
            fieldsHash: p.hash,
            ...decision,
          }),
        );
        continue;
      }
      const same =
        old.fieldsHash === p.hash &&
        rowsRepo.sameSuggestion(old.suggestion, s) &&
        old.verdict === decision.verdict &&
        old.decision === decision.decision &&
        (old.overrideReason ?? null) === decision.overrideReason;
      if (same) unchanged += 1;
      else updates.push({ row: old, input: p.input, suggestion: s, decision });
    }
    // Existing signs not in the file may get a new suggestion (e.g. the count limit is now exceeded).
    for (const r of current) {
      if (r.category !== 'sign' || importedIds.has(r.id)) continue;
      const s = signJudged.get(r.id)!;
      if (rowsRepo.sameSuggestion(r.suggestion, s)) continue;
      updates.push({ row: r, input: null, suggestion: s, decision: keptDecision(r, s) });
    }
    judged += items.length;
    await o.progress(judged);
  }
  return { inserts, updates, unchanged, errors };
}
