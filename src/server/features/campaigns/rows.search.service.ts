/**
 * Row search across villages (issue 15): a district or township user asks "which villages still hang a
 * 禁毒工作站 board?" and gets the rows, paged, or the same rows as a spreadsheet. The campaign must be one the
 * actor sees; the rows are those of the villages the actor reads (scope in SQL), under the requested region.
 */
import type { PassThrough } from 'node:stream';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import { streamWorkbook, type SheetColumn } from '../../core/spreadsheets.js';
import { zh, type MessageKey } from '../../../shared/i18n.js';
import type {
  Category,
  CleanupStatus,
  DecisionKind,
  RowSearchFilters,
  RowSearchItem,
  RowSearchQuery,
  SuggestedVerdict,
  Verdict,
  WorkflowStatus,
} from '../../../shared/campaigns.js';
import * as regions from '../regions/regions.service.js';
import { getVisibleCampaign } from './campaigns.service.js';
import { fileName } from './campaigns.export.js';
import { ancestorEqualities, nodeOf, scopeNode } from './campaigns.scope.js';
import { searchRows as searchRepo, foundRowBatches, type FoundRow, type RowSearchFilter } from './rows.search.repo.js';

const present = (r: FoundRow, townships: Map<string, string>): RowSearchItem => ({
  id: r.id,
  ledgerId: r.ledgerId,
  villageCode: r.villageCode,
  villageName: r.villageName,
  townshipName: townships.get(r.townshipCode ?? '') ?? null,
  category: r.category as Category,
  seq: r.seq,
  name: r.name,
  imposedBy: r.imposedBy,
  suggested: r.suggestedVerdict as SuggestedVerdict,
  verdict: r.verdict as Verdict | null,
  decision: r.decision as DecisionKind | null,
  workflowStatus: r.workflowStatus as WorkflowStatus,
  cleanupStatus: r.cleanupStatus as CleanupStatus,
  updatedAt: r.updatedAt,
});

async function filterOf(deps: Deps, { region, ...rest }: RowSearchFilters): Promise<RowSearchFilter> {
  return { ...rest, pins: region ? ancestorEqualities(await nodeOf(deps, region)) : undefined };
}

/** A page of the rows that match, newest change first. */
export async function searchRows(deps: Deps, actor: Actor, campaignId: string, q: RowSearchQuery) {
  const c = await getVisibleCampaign(deps, actor, campaignId);
  const { page, pageSize, ...filters } = q;
  const found = await searchRepo(deps.db, actor, c.id, { ...(await filterOf(deps, filters)), page, pageSize });
  const townships = await regions.namesOf(
    deps.db,
    found.items.map((r) => r.townshipCode ?? ''),
  );
  return { total: found.total, items: found.items.map((r) => present(r, townships)) };
}

const label = (key: string) => zh(key as MessageKey);

/** The spreadsheet's columns: where the row is, what it is, and where it stands. */
const COLUMNS: SheetColumn<RowSearchItem>[] = [
  { header: zh('campaigns.export.township'), width: 14, value: (r) => r.townshipName ?? '' },
  { header: zh('campaigns.column.villageCode'), width: 14, value: (r) => r.villageCode },
  { header: zh('campaigns.column.villageName'), width: 14, value: (r) => r.villageName },
  { header: zh('campaigns.search.category'), width: 10, value: (r) => label(`campaigns.category.${r.category}`) },
  { header: zh('campaigns.search.name'), width: 28, value: (r) => r.name },
  { header: zh('campaigns.search.imposedBy'), width: 18, value: (r) => r.imposedBy },
  { header: zh('campaigns.export.suggested'), width: 12, value: (r) => label(`campaigns.verdict.${r.suggested}`) },
  {
    header: zh('campaigns.column.verdict'),
    width: 10,
    value: (r) => (r.verdict ? label(`campaigns.verdict.${r.verdict}`) : zh('campaigns.export.undecided')),
  },
  {
    header: zh('campaigns.search.decision'),
    width: 10,
    value: (r) => (r.decision ? label(`campaigns.decisionKind.${r.decision}`) : ''),
  },
  { header: zh('campaigns.export.workflow'), width: 12, value: (r) => label(`campaigns.workflow.${r.workflowStatus}`) },
  { header: zh('campaigns.export.cleanup'), width: 10, value: (r) => label(`campaigns.cleanup.${r.cleanupStatus}`) },
  { header: zh('campaigns.search.updatedAt'), width: 20, value: (r) => r.updatedAt },
];

/** The filters as one line for the sheet's footer, in Chinese ("类别=标识牌；名称、单位或村名=禁毒"). */
function filterLine(f: RowSearchFilters, regionName: string): string {
  const parts: string[] = [`${zh('campaigns.search.region')}=${regionName}`];
  const add = (key: MessageKey, value: string) => parts.push(`${zh(key)}=${value}`);
  if (f.category) add('campaigns.search.category', label(`campaigns.category.${f.category}`));
  if (f.suggested) add('campaigns.search.suggested', label(`campaigns.verdict.${f.suggested}`));
  if (f.verdict)
    add(
      'campaigns.search.verdict',
      f.verdict === 'undecided' ? zh('campaigns.search.undecided') : label(`campaigns.verdict.${f.verdict}`),
    );
  if (f.decision) add('campaigns.search.decision', label(`campaigns.decisionKind.${f.decision}`));
  if (f.status) add('campaigns.search.status', label(`campaigns.workflow.${f.status}`));
  if (f.cleanup) add('campaigns.search.cleanup', label(`campaigns.cleanup.${f.cleanup}`));
  if (f.q) add('campaigns.search.q', f.q);
  return zh('campaigns.search.filters', { filters: parts.join('；') });
}

/** Every matching row as one sheet (streamed, newest first), with the filters and the count underneath. */
export async function exportRowSearch(
  deps: Deps,
  actor: Actor,
  campaignId: string,
  f: RowSearchFilters,
): Promise<{ filename: string; stream: PassThrough }> {
  const c = await getVisibleCampaign(deps, actor, campaignId);
  const node = await scopeNode(deps, actor, c, f.region);
  const { region: _region, ...rest } = f;
  const filter: RowSearchFilter = { ...rest, pins: ancestorEqualities(node) };
  const townships = new Map<string, string>();
  let n = 0;
  async function* rows(): AsyncGenerator<RowSearchItem> {
    for await (const batch of foundRowBatches(deps.db, actor, c.id, filter)) {
      // One name lookup per batch, for the townships not seen yet.
      const unseen = [...new Set(batch.map((r) => r.townshipCode ?? ''))].filter((k) => k && !townships.has(k));
      if (unseen.length) for (const [k, v] of await regions.namesOf(deps.db, unseen)) townships.set(k, v);
      n += batch.length;
      yield* batch.map((r) => present(r, townships));
    }
  }
  const stream = streamWorkbook([
    {
      name: zh('campaigns.search.sheet'),
      columns: COLUMNS,
      rows: rows(),
      footer: () => [
        [zh('campaigns.export.total'), zh('campaigns.export.totalN', { n })],
        [filterLine(f, node.name)],
        [zh('campaigns.export.campaign', { name: c.name })],
      ],
    },
  ]);
  const filename = fileName([c.name, node.name, zh('campaigns.search.file'), shanghaiDate(deps.clock.now())]);
  return { filename, stream };
}
