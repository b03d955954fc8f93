/**
 * Spreadsheet exports, streamed (constant memory at province scale): one village's ledger, and the
 * consolidated ledgers of a township, district or province — a summary sheet per child region, then
 * one sheet per category with every row and the totals a bureau files.
 */
import type { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import { streamWorkbook, type SheetColumn, type SheetSpec } from '../../core/spreadsheets.js';
import { formatKeyed, zh } from '../../../shared/i18n.js';
import { CATEGORIES, VERDICTS, type Category, type RollupChild } from '../../../shared/campaigns.js';
import * as regions from '../regions/regions.service.js';
import { categoryName, verdictName } from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import * as ledgersRepo from './ledgers.repo.js';
import { rowsOfLedgers, type RowRecord } from './rows.repo.js';
import { CATEGORY_COLUMNS, VILLAGE_COLUMNS } from './campaigns.excel.js';
import { getVisibleCampaign } from './campaigns.service.js';
import { ancestorEqualities, scopeNode } from './campaigns.scope.js';
import { canReadLedger } from './campaigns.policy.js';
import { rollupOf } from './rollups.service.js';
import { missing } from './campaigns.errors.js';

interface LedgerRef {
  id: string;
  villageCode: string;
  villageName: string;
  townshipName: string;
}
type ExportRow = RowRecord & { ledger: LedgerRef };

const yesNo = (v: unknown) => (v === true ? zh('common.yes') : v === false ? zh('common.no') : '');
/** The Chinese name of a field's code (`campaigns.<table>.<code>`), or '' for none. */
const named = (table: 'position' | 'provider' | 'catalogHit', code: unknown) =>
  typeof code === 'string' && code ? zh(`campaigns.${table}.${code}` as Parameters<typeof zh>[0]) : '';

function fieldValue(r: ExportRow, key: string): string | number | null {
  const f = r.fields as Record<string, unknown>;
  switch (key) {
    case 'villageCode':
      return r.ledger.villageCode;
    case 'villageName':
      return r.ledger.villageName;
    case 'name':
      return r.name;
    case 'imposedBy':
      return r.imposedBy;
    case 'basis':
      return r.basis;
    case 'position':
      return named('position', f.position);
    case 'dedicatedPost':
    case 'effective':
    case 'villagersAccept':
      return yesNo(f[key]);
    case 'staffBy':
    case 'fundedBy':
      return named('provider', f[key]);
    case 'catalogHit':
      return named('catalogHit', f.catalogHit);
    case 'funding':
    case 'approvalRef':
      return String(f[key] ?? '');
    case 'formsRequired':
    case 'volumeLastYear':
      return Number(f[key] ?? 0);
    default:
      return null;
  }
}

const countOf = (label: string, n: number) => zh('campaigns.export.countOf', { label, n });

function categorySheet(
  category: Category,
  rows: AsyncIterable<ExportRow>,
  withTownship: boolean,
): SheetSpec<ExportRow> {
  const counts = { total: 0, keep: 0, cancel: 0, merge: 0, rectify: 0, undecided: 0, closed: 0 };
  async function* counted() {
    for await (const r of rows) {
      counts.total += 1;
      if (r.verdict) counts[r.verdict] += 1;
      else counts.undecided += 1;
      if (r.cleanupStatus === 'closed') counts.closed += 1;
      yield r;
    }
  }
  const columns: SheetColumn<ExportRow>[] = [
    ...(withTownship
      ? [{ header: zh('campaigns.export.township'), width: 14, value: (r: ExportRow) => r.ledger.townshipName }]
      : []),
    ...[...VILLAGE_COLUMNS, ...CATEGORY_COLUMNS[category]].map((c) => ({
      header: c.header,
      width: c.width,
      value: (r: ExportRow) => fieldValue(r, c.key),
    })),
    { header: zh('campaigns.export.suggested'), width: 10, value: (r) => verdictName(r.suggestion.verdict) },
    { header: zh('campaigns.export.clause'), width: 12, value: (r) => r.suggestion.clause },
    { header: zh('campaigns.export.reason'), width: 40, value: (r) => formatKeyed('zh-CN', r.suggestion.reason) },
    {
      header: zh('campaigns.export.catalogItem'),
      width: 24,
      value: (r) =>
        r.suggestion.itemCode
          ? zh('campaigns.export.catalogItemValue', { name: r.suggestion.itemName ?? '', code: r.suggestion.itemCode })
          : '',
    },
    { header: zh('campaigns.column.verdict'), width: 10, value: (r) => (r.verdict ? verdictName(r.verdict) : '') },
    { header: zh('campaigns.column.overrideReason'), width: 24, value: (r) => r.overrideReason ?? '' },
    {
      header: zh('campaigns.export.workflow'),
      width: 14,
      value: (r) => zh(`campaigns.workflowLong.${r.workflowStatus}`),
    },
    { header: zh('campaigns.export.cleanup'), width: 10, value: (r) => zh(`campaigns.cleanup.${r.cleanupStatus}`) },
    { header: zh('campaigns.export.catalogVersion'), width: 16, value: (r) => r.suggestion.catalogVersion ?? '' },
  ];
  return {
    name: categoryName(category),
    columns,
    rows: counted(),
    footer: () => [
      [zh('campaigns.export.total'), zh('campaigns.export.totalN', { n: counts.total })],
      [
        zh('campaigns.export.ofWhich'),
        ...VERDICTS.map((v) => countOf(verdictName(v), counts[v])),
        countOf(zh('campaigns.export.undecided'), counts.undecided),
        countOf(zh('campaigns.export.cleanedUp'), counts.closed),
      ],
    ],
  };
}

/** Rows of the given ledgers and category, ledger by ledger, read in batches. */
async function* rowsOf(db: Kysely<DB>, ledgers: LedgerRef[], category: Category): AsyncGenerator<ExportRow> {
  for (let i = 0; i < ledgers.length; i += 200) {
    const batch = ledgers.slice(i, i + 200);
    const byId = new Map(batch.map((l) => [l.id, l]));
    const rows = await rowsOfLedgers(
      db,
      batch.map((l) => l.id),
      { category, chunk: 200, byVillage: true },
    );
    for (const r of rows) yield { ...r, ledger: byId.get(r.ledgerId)! };
  }
}

/** A download's file name from its parts, without characters a file system refuses. */
export const fileName = (parts: string[]) => `${parts.join('-').replace(/[\\/:*?"<>|]/g, '_')}.xlsx`;

/** One village's ledger: a sheet per category, importable back as it is. */
export async function exportLedger(
  deps: Deps,
  actor: Actor,
  ledgerId: string,
): Promise<{ filename: string; stream: PassThrough }> {
  const l = await ledgersRepo.findLedger(deps.db, ledgerId);
  if (!l || !canReadLedger(actor, l)) return missing('campaigns.error.ledgerNotFound');
  const c = (await repo.findCampaign(deps.db, l.campaignId))!;
  const township = l.townshipCode ? await regions.byCode(deps.db, l.townshipCode) : null;
  const ref: LedgerRef = {
    id: l.id,
    villageCode: l.villageCode,
    villageName: l.villageName,
    townshipName: township?.name ?? '',
  };
  const stream = streamWorkbook(CATEGORIES.map((k) => categorySheet(k, rowsOf(deps.db, [ref], k), false)));
  const filename = fileName([c.name, l.villageName, zh('campaigns.export.ledgerFile'), shanghaiDate(deps.clock.now())]);
  return { filename, stream };
}

const sumOf = (x: RollupChild, k: 'tasksOpen' | 'tasksClosed') =>
  CATEGORIES.reduce((s, c) => s + x.byCategory[c][k], 0);

/** The summary sheet's columns: one line per child region (and the same columns for the total). */
const SUMMARY_COLUMNS: SheetColumn<RollupChild>[] = [
  { header: zh('campaigns.export.regionCode'), width: 14, value: (x) => x.regionCode },
  { header: zh('campaigns.export.regionName'), width: 16, value: (x) => x.regionName },
  { header: zh('campaigns.export.ledgers'), width: 8, value: (x) => x.ledgers.total },
  ...(['approved', 'submitted', 'returned', 'draft'] as const).map((k): SheetColumn<RollupChild> => ({
    header: zh(`campaigns.export.${k}`),
    width: 8,
    value: (x) => x.ledgers[k],
  })),
  { header: zh('campaigns.export.stale'), width: 10, value: (x) => x.ledgers.stale },
  ...CATEGORIES.flatMap((k): SheetColumn<RollupChild>[] =>
    (
      [
        ['before', 12],
        ['plannedAfter', 14],
        ['achievedAfter', 14],
      ] as const
    ).map(([figure, width]) => ({
      header: zh(`campaigns.export.${figure}`, { category: categoryName(k) }),
      width,
      value: (x) => x.byCategory[k][figure],
    })),
  ),
  { header: zh('campaigns.export.tasksOpen'), width: 12, value: (x) => sumOf(x, 'tasksOpen') },
  { header: zh('campaigns.export.tasksClosed'), width: 12, value: (x) => sumOf(x, 'tasksClosed') },
  { header: zh('campaigns.export.overdue'), width: 10, value: (x) => x.overdueTasks },
];

/** The consolidated ledgers of a node: summary by child region, then one sheet per category with totals. */
export async function exportConsolidated(
  deps: Deps,
  actor: Actor,
  campaignId: string,
  regionCode?: string,
): Promise<{ filename: string; stream: PassThrough }> {
  const c = await getVisibleCampaign(deps, actor, campaignId);
  const node = await scopeNode(deps, actor, c, regionCode);
  const r = await rollupOf(deps, c, node);
  const ledgerRows = await ledgersRepo.ledgersUnder(deps.db, c.id, ancestorEqualities(node));
  const names = await regions.namesOf(
    deps.db,
    ledgerRows.map((l) => l.townshipCode ?? ''),
  );
  const ledgers: LedgerRef[] = ledgerRows.map((l) => ({
    id: l.id,
    villageCode: l.villageCode,
    villageName: l.villageName,
    townshipName: names.get(l.townshipCode ?? '') ?? '',
  }));
  const t = r.totals;
  const total: RollupChild = {
    regionCode: zh('campaigns.export.total'),
    regionName: node.name,
    rows: t.rows,
    byCategory: t.byCategory,
    ledgers: t.ledgers,
    overdueTasks: t.overdueTasks.total,
  };
  const summary: SheetSpec<RollupChild> = {
    name: zh('campaigns.export.summarySheet'),
    columns: SUMMARY_COLUMNS,
    rows: r.children,
    footer: () => [
      SUMMARY_COLUMNS.map((col) => col.value(total) as string | number),
      [zh('campaigns.export.asOf', { date: r.asOf }), zh('campaigns.export.campaign', { name: c.name })],
    ],
  };
  const stream = streamWorkbook([
    summary,
    ...CATEGORIES.map((k) => categorySheet(k, rowsOf(deps.db, ledgers, k), true)),
  ]);
  return { filename: fileName([c.name, node.name, zh('campaigns.export.summaryFile'), r.asOf]), stream };
}
