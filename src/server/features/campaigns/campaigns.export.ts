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
import { notFound } from '../../core/errors.js';
import { shanghaiDate } from '../../core/clock.js';
import { streamWorkbook, type SheetColumn, type SheetSpec } from '../../core/spreadsheets.js';
import {
  CATALOG_HIT_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  CLEANUP_LABELS,
  PROVIDER_LABELS,
  SIGN_POSITION_LABELS,
  SUGGESTED_VERDICT_LABELS,
  VERDICT_LABELS,
  WORKFLOW_LABELS,
  type CatalogHit,
  type Category,
  type Provider,
  type SignPosition,
} from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import { CATEGORY_COLUMNS, VILLAGE_COLUMNS } from './campaigns.excel.js';
import { ancestorEqualities, getVisibleCampaign, scopeNode } from './campaigns.service.js';
import { canReadLedger } from './campaigns.policy.js';
import { rollupOf } from './rollups.service.js';

interface LedgerRef {
  id: string;
  villageCode: string;
  villageName: string;
  townshipName: string;
}
type ExportRow = repo.RowRecord & { ledger: LedgerRef };

const yesNo = (v: unknown) => (v === true ? '是' : v === false ? '否' : '');

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
      return SIGN_POSITION_LABELS[f.position as SignPosition] ?? '';
    case 'dedicatedPost':
    case 'effective':
    case 'villagersAccept':
      return yesNo(f[key]);
    case 'staffBy':
    case 'fundedBy':
      return PROVIDER_LABELS[f[key] as Provider] ?? '';
    case 'catalogHit':
      return f.catalogHit ? CATALOG_HIT_LABELS[f.catalogHit as CatalogHit] : '';
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
    ...(withTownship ? [{ header: '乡镇（街道）', width: 14, value: (r: ExportRow) => r.ledger.townshipName }] : []),
    ...[...VILLAGE_COLUMNS, ...CATEGORY_COLUMNS[category]].map((c) => ({
      header: c.header,
      width: c.width,
      value: (r: ExportRow) => fieldValue(r, c.key),
    })),
    { header: '建议处理意见', width: 10, value: (r) => SUGGESTED_VERDICT_LABELS[r.suggestion.verdict] },
    { header: '依据条款', width: 12, value: (r) => r.suggestion.clause },
    { header: '建议理由', width: 40, value: (r) => r.suggestion.reason },
    {
      header: '目录事项',
      width: 24,
      value: (r) => (r.suggestion.itemCode ? `${r.suggestion.itemName ?? ''}（${r.suggestion.itemCode}）` : ''),
    },
    { header: '处理意见', width: 10, value: (r) => (r.verdict ? VERDICT_LABELS[r.verdict] : '') },
    { header: '改判理由', width: 24, value: (r) => r.overrideReason ?? '' },
    { header: '审核状态', width: 14, value: (r) => WORKFLOW_LABELS[r.workflowStatus] },
    { header: '整改状态', width: 10, value: (r) => CLEANUP_LABELS[r.cleanupStatus] },
    { header: '目录版本', width: 16, value: (r) => r.suggestion.catalogVersion ?? '' },
  ];
  return {
    name: CATEGORY_LABELS[category],
    columns,
    rows: counted(),
    footer: () => [
      ['合计', `共 ${counts.total} 项`],
      [
        '其中',
        `保留 ${counts.keep}`,
        `取消 ${counts.cancel}`,
        `合并 ${counts.merge}`,
        `整改 ${counts.rectify}`,
        `未定 ${counts.undecided}`,
        `已完成整改 ${counts.closed}`,
      ],
    ],
  };
}

/** Rows of the given ledgers and category, ledger by ledger, read in batches. */
async function* rowsOfLedgers(db: Kysely<DB>, ledgers: LedgerRef[], category: Category): AsyncGenerator<ExportRow> {
  for (let i = 0; i < ledgers.length; i += 200) {
    const batch = ledgers.slice(i, i + 200);
    const byId = new Map(batch.map((l) => [l.id, l]));
    const rows = await db
      .selectFrom('ledgerRow')
      .selectAll()
      .where(
        'ledgerId',
        'in',
        batch.map((l) => l.id),
      )
      .where('category', '=', category)
      .orderBy('villageCode')
      .orderBy('seq')
      .execute();
    for (const r of rows) yield { ...repo.toRow(r), ledger: byId.get(r.ledgerId)! };
  }
}

const fileName = (parts: string[]) => `${parts.join('-').replace(/[\\/:*?"<>|]/g, '_')}.xlsx`;

/** One village's ledger: a sheet per category, importable back as it is. */
export async function exportLedger(
  deps: Deps,
  actor: Actor,
  ledgerId: string,
): Promise<{ filename: string; stream: PassThrough }> {
  const l = await repo.findLedger(deps.db, ledgerId);
  if (!l || !canReadLedger(actor, l)) return notFound('台账');
  const c = (await repo.findCampaign(deps.db, l.campaignId))!;
  const township = l.townshipCode
    ? await deps.db.selectFrom('region').select('name').where('code', '=', l.townshipCode).executeTakeFirst()
    : undefined;
  const ref: LedgerRef = {
    id: l.id,
    villageCode: l.villageCode,
    villageName: l.villageName,
    townshipName: township?.name ?? '',
  };
  const stream = streamWorkbook(CATEGORIES.map((k) => categorySheet(k, rowsOfLedgers(deps.db, [ref], k), false)));
  return { filename: fileName([c.name, l.villageName, '自查台账', shanghaiDate(deps.clock.now())]), stream };
}

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
  const eq = ancestorEqualities(node);
  const ledgerRows = await deps.db
    .selectFrom('ledger')
    .select(['id', 'villageCode', 'villageName', 'townshipCode'])
    .where('campaignId', '=', c.id)
    .where((eb) => eb.and(eq.map(([k, v]) => eb(k, '=', v))))
    .orderBy('villageCode')
    .execute();
  const townshipCodes = [...new Set(ledgerRows.map((l) => l.townshipCode ?? ''))];
  const names = new Map<string, string>();
  for (let i = 0; i < townshipCodes.length; i += 500)
    for (const t of await deps.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', townshipCodes.slice(i, i + 500))
      .execute())
      names.set(t.code, t.name);
  const ledgers: LedgerRef[] = ledgerRows.map((l) => ({
    id: l.id,
    villageCode: l.villageCode,
    villageName: l.villageName,
    townshipName: names.get(l.townshipCode ?? '') ?? '',
  }));

  type Child = (typeof r.children)[number];
  const summaryColumns: SheetColumn<Child>[] = [
    { header: '区划代码', width: 14, value: (x) => x.regionCode },
    { header: '区划名称', width: 16, value: (x) => x.regionName },
    { header: '台账数', width: 8, value: (x) => x.ledgers.total },
    { header: '已审核', width: 8, value: (x) => x.ledgers.approved },
    { header: '待审核', width: 8, value: (x) => x.ledgers.submitted },
    { header: '已退回', width: 8, value: (x) => x.ledgers.returned },
    { header: '填报中', width: 8, value: (x) => x.ledgers.draft },
    { header: '审核已失效', width: 10, value: (x) => x.ledgers.stale },
    ...CATEGORIES.flatMap((k): SheetColumn<Child>[] => [
      { header: `${CATEGORY_LABELS[k]}（清理前）`, width: 12, value: (x) => x.byCategory[k].before },
      { header: `${CATEGORY_LABELS[k]}（清理后·计划）`, width: 14, value: (x) => x.byCategory[k].plannedAfter },
      { header: `${CATEGORY_LABELS[k]}（清理后·已完成）`, width: 14, value: (x) => x.byCategory[k].achievedAfter },
    ]),
    {
      header: '整改任务（整改中）',
      width: 12,
      value: (x) => CATEGORIES.reduce((s, k) => s + x.byCategory[k].tasksOpen, 0),
    },
    {
      header: '整改任务（已完成）',
      width: 12,
      value: (x) => CATEGORIES.reduce((s, k) => s + x.byCategory[k].tasksClosed, 0),
    },
    { header: '逾期任务', width: 10, value: (x) => x.overdueTasks },
  ];
  const t = r.totals;
  const totalRow: (string | number)[] = [
    '合计',
    node.name,
    t.ledgers.total,
    t.ledgers.approved,
    t.ledgers.submitted,
    t.ledgers.returned,
    t.ledgers.draft,
    t.ledgers.stale,
    ...CATEGORIES.flatMap((k) => [t.byCategory[k].before, t.byCategory[k].plannedAfter, t.byCategory[k].achievedAfter]),
    CATEGORIES.reduce((s, k) => s + t.byCategory[k].tasksOpen, 0),
    CATEGORIES.reduce((s, k) => s + t.byCategory[k].tasksClosed, 0),
    t.overdueTasks.total,
  ];
  const summary: SheetSpec<Child> = {
    name: '汇总',
    columns: summaryColumns,
    rows: r.children,
    footer: () => [totalRow, [`统计日期：${r.asOf}`, `专项行动：${c.name}`]],
  };
  const stream = streamWorkbook([
    summary,
    ...CATEGORIES.map((k) => categorySheet(k, rowsOfLedgers(deps.db, ledgers, k), true)),
  ]);
  return { filename: fileName([c.name, node.name, '汇总台账', r.asOf]), stream };
}
