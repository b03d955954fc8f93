/**
 * The first half of a ledger import: read the workbook (a sheet per category, named 标识牌 / 工作机制 /
 * 工作事务 / 证明事项, or one sheet for the category asked for) and check every row. Every problem is
 * named with sheet, row and column, and keyed (`campaigns.importError.*`) so the web shows it in the
 * user's language; nothing is judged or written here.
 */
import { AppError, msg } from '../../core/errors.js';
import { readSheet, type SheetRow } from '../../core/xlsx.js';
import type { RowError } from '../../../shared/errors.js';
import { zh, type MessageKey, type MessageParams } from '../../../shared/i18n.js';
import { CATEGORIES, FIELD_SCHEMAS, type Category, type RowFields, type Verdict } from '../../../shared/campaigns.js';
import { categoryName, fieldsHashOf, naturalKeyOf, type RowInput } from './campaigns.model.js';
import type { LedgerRecord } from './ledgers.repo.js';
import { isEditableStatus } from './campaigns.policy.js';
import {
  importColumns,
  parseCatalogHit,
  parseCount,
  parsePosition,
  parseProvider,
  parseVerdict,
  parseYesNo,
  villageKey,
} from './campaigns.excel.js';

export interface LedgerSheet {
  category: Category;
  name: string;
  rows: SheetRow[];
}

export interface ParsedRow {
  sheet: string;
  row: number;
  ledger: LedgerRecord;
  input: RowInput;
  key: string;
  hash: string;
  verdict: Verdict | null;
  overrideReason: string | null;
  reasonColumn: string;
}

/** A row error with its message keyed (the Chinese text beside it for API clients and the audit). */
export const rowError = (
  at: { sheet: string; row: number; column: string },
  key: MessageKey,
  params?: MessageParams,
): RowError => ({ ...at, message: zh(key, params), key, ...(params ? { params } : {}) });

const header = (category: Category, key: string) => importColumns(category).find((c) => c.key === key)!.header;

/** The totals an exported ledger ends with (合计 / 其中 in its first column): not rows, so an export imports back. */
const EXPORT_FOOTER = new Set([zh('campaigns.export.total'), zh('campaigns.export.ofWhich')]);
const isExportFooter = (r: SheetRow) => EXPORT_FOOTER.has((r.values.villageCode ?? '').trim());

/** The sheets: the asked category's sheet (or the first sheet), else every category sheet present. */
export async function readLedgerSheets(buf: Buffer, category?: Category) {
  const sheets: LedgerSheet[] = [];
  const errors: RowError[] = [];
  for (const c of category ? [category] : [...CATEGORIES]) {
    let read;
    try {
      read = await readSheet(buf, importColumns(c), { sheet: categoryName(c) });
    } catch (err) {
      const missing = err instanceof AppError && err.code === 'validation_failed' && err.message.includes('没有名为');
      if (!missing) throw err;
      if (!category) continue;
      read = await readSheet(buf, importColumns(c));
    }
    errors.push(...read.errors);
    sheets.push({ category: c, name: read.sheet, rows: read.rows.filter((r) => !isExportFooter(r)) });
  }
  if (!sheets.length)
    throw new AppError(
      'validation_failed',
      msg('campaigns.error.noLedgerSheets', { names: CATEGORIES.map((k) => `“${categoryName(k)}”`).join('、') }),
    );
  return { sheets, errors };
}

/** Finds ledgers by village code or (unambiguous) name among those the actor may import into. */
function ledgerFinder(ledgers: LedgerRecord[]) {
  const byCode = new Map(ledgers.map((l) => [l.villageCode, l]));
  const byName = new Map<string, LedgerRecord[]>();
  for (const l of ledgers) byName.set(villageKey(l.villageName), [...(byName.get(villageKey(l.villageName)) ?? []), l]);
  return (v: Record<string, string>, fail: (key: MessageKey, params?: MessageParams) => void) => {
    const code = (v.villageCode ?? '').replace(/\s+/g, '');
    if (code) return byCode.get(code) ?? fail('campaigns.importError.villageUnknown', { code });
    if (v.villageName) {
      const hits = byName.get(villageKey(v.villageName)) ?? [];
      if (hits.length === 1) return hits[0];
      return fail(hits.length ? 'campaigns.importError.villageAmbiguous' : 'campaigns.importError.villageNotFound', {
        name: v.villageName,
      });
    }
    if (ledgers.length === 1) return ledgers[0];
    return fail('campaigns.importError.villageMissing');
  };
}

/** The category's fields of a row, every unreadable value reported. */
function fieldsOf(
  category: Category,
  v: Record<string, string>,
  err: (column: string, key: MessageKey, params?: MessageParams) => void,
): Record<string, unknown> {
  /** An unreadable value (`bad`) or, when empty, `required` (null: an empty cell is fine). */
  const refuse = (column: string, bad: MessageKey, required: MessageKey | null) => {
    if (v[column]) err(column, bad, { value: v[column] });
    else if (required) err(column, required);
  };
  if (category === 'sign') {
    const position = parsePosition(v.position ?? '');
    if (!position) refuse('position', 'campaigns.importError.position', 'campaigns.importError.positionRequired');
    return { position };
  }
  if (category === 'mechanism') {
    const yes = (key: string) => {
      const b = parseYesNo(v[key] ?? '');
      if (b === null) refuse(key, 'campaigns.importError.yesNo', 'campaigns.importError.yesNoRequired');
      return b;
    };
    const who = (key: string) => {
      const p = parseProvider(v[key] ?? '');
      if (!p) refuse(key, 'campaigns.importError.provider', 'campaigns.importError.providerRequired');
      return p;
    };
    return {
      dedicatedPost: yes('dedicatedPost'),
      staffBy: who('staffBy'),
      fundedBy: who('fundedBy'),
      effective: yes('effective'),
      villagersAccept: yes('villagersAccept'),
    };
  }
  const count = (key: string) => {
    const n = parseCount(v[key] ?? '');
    if (n === undefined) refuse(key, 'campaigns.importError.notInteger', null);
    return n ?? 0;
  };
  if (category === 'work_affair') {
    const hit = parseCatalogHit(v.catalogHit ?? '');
    if (hit === undefined) refuse('catalogHit', 'campaigns.importError.catalogHit', null);
    return {
      catalogHit: hit ?? null,
      funding: (v.funding ?? '').trim().slice(0, 200),
      formsRequired: count('formsRequired'),
      approvalRef: (v.approvalRef ?? '').trim().slice(0, 100),
    };
  }
  return { volumeLastYear: count('volumeLastYear') };
}

/**
 * Checks every row of the sheets against the ledgers the actor may import into: village, required
 * and over-long texts, Chinese values, verdicts, duplicates within the file. Returns the good rows and
 * every error (with sheet, row and column).
 */
export function checkRows(sheets: LedgerSheet[], ledgers: LedgerRecord[]) {
  const findLedger = ledgerFinder(ledgers);
  const errors: RowError[] = [];
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  for (const s of sheets) {
    for (const r of s.rows) {
      const at = (key: string) => ({
        sheet: s.name,
        row: r.row,
        column: key === 'village' ? zh('campaigns.column.villageCode') : header(s.category, key),
      });
      const err = (column: string, key: MessageKey, params?: MessageParams) =>
        void errors.push(rowError(at(column), key, params));
      const before = errors.length;
      const v = r.values;
      const ledger = findLedger(v, (key, params) => err('village', key, params));
      if (ledger && !isEditableStatus(ledger.status))
        err('village', 'campaigns.importError.ledgerSubmitted', { village: ledger.villageName });
      const text = (key: 'name' | 'imposedBy' | 'basis', max: number, required: boolean) => {
        const t = (v[key] ?? '').trim();
        if (!t && required) err(key, 'campaigns.importError.required');
        else if (t.length > max) err(key, 'campaigns.importError.tooLong', { max });
        return t;
      };
      const name = text('name', 200, true);
      const imposedBy = text('imposedBy', 100, true);
      const basis = text('basis', 300, false);
      const fields = fieldsOf(s.category, v, err);
      const verdict = parseVerdict(v.verdict ?? '');
      if (verdict === undefined) err('verdict', 'campaigns.importError.verdict', { value: v.verdict });
      if (errors.length > before || !ledger) continue;
      const input: RowInput = {
        category: s.category,
        name,
        imposedBy,
        basis,
        fields: FIELD_SCHEMAS[s.category].parse(fields) as RowFields,
      };
      const key = naturalKeyOf(input);
      const dupKey = `${ledger.id}|${key}`;
      const first = seen.get(dupKey);
      if (first !== undefined) {
        err('name', 'campaigns.importError.duplicate', { row: first });
        continue;
      }
      seen.set(dupKey, r.row);
      parsed.push({
        sheet: s.name,
        row: r.row,
        ledger,
        input,
        key,
        hash: fieldsHashOf(input),
        verdict: verdict ?? null,
        overrideReason: (v.overrideReason ?? '').trim() || null,
        reasonColumn: header(s.category, 'overrideReason'),
      });
    }
  }
  return { parsed, errors };
}
