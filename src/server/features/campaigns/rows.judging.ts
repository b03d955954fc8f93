/**
 * Judging, then writing. Judging asks the catalogs service, which reads the database; on SQLite a
 * transaction holds the only connection, so judgements are made *before* the transaction against a
 * snapshot of the ledger, and the transaction then checks the ledger's version: if anything changed
 * meanwhile, judge again.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { AppError, msg } from '../../core/errors.js';
import { FIELD_SCHEMAS, type Category } from '../../../shared/campaigns.js';
import { categoryName, type RowInput } from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import * as ledgersRepo from './ledgers.repo.js';
import * as rowsRepo from './rows.repo.js';
import * as rowsWrite from './rows.write.repo.js';
import { judgeSigns, type CatalogLookup, type Suggestion } from './campaigns.judge.js';

type Trx = Kysely<DB>;

class Retry extends Error {}

/** Runs plan (outside any transaction) then write (in one) until the ledger did not move in between. */
export async function judgedWrite<P>(
  deps: Deps,
  plan: () => Promise<P & { l: ledgersRepo.LedgerRecord }>,
  write: (trx: Trx, p: P & { l: ledgersRepo.LedgerRecord }) => Promise<void>,
) {
  for (let attempt = 0; ; attempt++) {
    const p = await plan();
    try {
      await deps.db.transaction().execute(async (trx) => {
        if ((await ledgersRepo.ledgerVersion(trx, p.l.id)) !== p.l.version) throw new Retry();
        await write(trx, p);
      });
      return;
    } catch (err) {
      if (!(err instanceof Retry)) throw err;
      if (attempt >= 4) throw new AppError('conflict', msg('campaigns.error.concurrentEdit'));
    }
  }
}

/** The suggestions of a ledger's signs after a change (their count limit spans the ledger). */
export async function judgeSignSet(
  deps: Deps,
  l: ledgersRepo.LedgerRecord,
  lookup: CatalogLookup,
  signs: { id: string; seq: number; input: RowInput }[],
) {
  if (!signs.length) return new Map<string, Suggestion>();
  return judgeSigns(signs, await repo.signGuideOf(deps.db, l.countyCode), l.villageKind, lookup.versionId, lookup);
}

/** The ledger's signs as the judge takes them, with one of them replaced (an edit) or added. */
export const signInputs = (signs: rowsRepo.RowRecord[], replace?: { id: string; input: RowInput }) =>
  signs.map((x) => ({ id: x.id, seq: x.seq, input: x.id === replace?.id ? replace.input : rowsRepo.inputOf(x) }));

/** Stores the planned suggestions of the ledger's other signs where they changed. */
export async function applySignSuggestions(
  trx: Trx,
  current: rowsRepo.RowRecord[],
  judged: Map<string, Suggestion>,
  now: string,
  skip?: string,
) {
  for (const r of current) {
    if (r.id === skip) continue;
    const s = judged.get(r.id);
    if (s && !rowsRepo.sameSuggestion(r.suggestion, s)) await rowsWrite.storeSuggestion(trx, r, s, now);
  }
}

/** A row's facts, its category's fields checked (400 naming the first bad field). */
export function parseInput(
  category: Category,
  body: { name: string; imposedBy?: string; basis?: string; fields: unknown },
): RowInput {
  const parsed = FIELD_SCHEMAS[category].safeParse(body.fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: `fields.${i.path.join('.')}`, message: i.message }));
    throw new AppError(
      'validation_failed',
      msg('campaigns.error.fieldsInvalid', {
        category: categoryName(category),
        field: issues[0].field,
        message: issues[0].message,
      }),
      { issues },
    );
  }
  return {
    category,
    name: body.name.trim(),
    imposedBy: (body.imposedBy ?? '').trim(),
    basis: (body.basis ?? '').trim(),
    fields: parsed.data,
  };
}

/** 409: the ledger already has a row with this identity (name, plus position or requester). */
export const duplicate = (category: Category) => new AppError('conflict', msg(`campaigns.error.duplicate.${category}`));
