/** Spreadsheet exports: one catalog as it stood on a date, or a region's effective catalog on a date. */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import { streamWorkbook, type SheetSpec } from '../../core/spreadsheets.js';
import { CATALOG_KIND_LABELS } from '../../../shared/catalogs.js';
import { catalogAsOf, type CatalogRecord, type EffectiveItem } from './catalogs.model.js';
import { ITEM_SHEET, itemExportColumns } from './catalogs.excel.js';
import { effectiveFor, layerLabelOf, recordVersion, today, visibleRegion } from './catalogs.service.js';
import * as repo from './catalogs.repo.js';

const aboutSheet = (
  catalogs: CatalogRecord[],
  lines: [string, string][],
): SheetSpec<{ a: string; b: string; c: string; d: string }> => ({
  name: '目录说明',
  columns: [
    { header: '目录', width: 60, value: (r) => r.a },
    { header: '层级', width: 16, value: (r) => r.b },
    { header: '完整性', width: 60, value: (r) => r.c },
    { header: '来源', width: 50, value: (r) => r.d },
  ],
  rows: [
    ...lines.map(([a, b]) => ({ a, b, c: '', d: '' })),
    ...catalogs.map((c) => ({
      a: c.title,
      b: layerLabelOf(c),
      c: `${c.complete ? '完整' : '部分'}｜${c.completenessNote}`,
      d: c.sourceUrl ?? '',
    })),
  ],
});

/** One catalog's base items on a date (local lists: as they stand at their owner). */
export async function catalogWorkbook(deps: Deps, id: string, date = today(deps)) {
  const c = (await repo.catalogById(deps.db, id)) ?? notFound('目录');
  let items: EffectiveItem[];
  if (c.ownerRegionCode)
    items = (await effectiveFor(deps, c.ownerRegionCode, date)).items.filter((i) => i.catalogId === c.id);
  else {
    const base = await repo.baseRevisionsOfCatalog(deps.db, c.id);
    items = catalogAsOf(c, base.items, base.revisions, date);
  }
  const stream = streamWorkbook([
    { name: ITEM_SHEET, columns: itemExportColumns(), rows: items },
    aboutSheet(
      [c],
      [
        ['日期', date],
        ['事项数', String(items.length)],
      ],
    ),
  ]);
  return { stream, filename: `${c.title.slice(0, 40)}-${date}.xlsx` };
}

/** A region's effective catalog on a date, every kind, with the catalog version it represents. */
export async function effectiveWorkbook(deps: Deps, actor: Actor, opts: { region: string; date?: string }) {
  const region = await visibleRegion(deps.db, actor, opts.region);
  const date = opts.date ?? today(deps);
  const eff = await effectiveFor(deps, region.code, date);
  const version = await recordVersion(deps, eff);
  const catalogs = new Map(eff.active.map((a) => [a.catalog.id, a.catalog]));
  const regions = await repo.regionsByCodes(
    deps.db,
    eff.items.flatMap((i) => [i.addedBy, ...i.amendedBy]).filter((x): x is string => !!x),
  );
  const name = (code: string | null) => (code ? (regions.get(code)?.name ?? code) : '');
  const stream = streamWorkbook([
    {
      name: ITEM_SHEET,
      columns: itemExportColumns([
        { header: '目录类型', width: 16, value: (i) => CATALOG_KIND_LABELS[i.kind] },
        { header: '所属目录', width: 40, value: (i) => catalogs.get(i.catalogId)?.title ?? i.catalogId },
        { header: '目录完整性', width: 10, value: (i) => (catalogs.get(i.catalogId)?.complete ? '完整' : '部分') },
        { header: '新增层级', width: 16, value: (i) => name(i.addedBy) },
        { header: '修改层级', width: 16, value: (i) => i.amendedBy.map(name).join('、') },
      ]),
      rows: eff.items,
    },
    aboutSheet(
      [...catalogs.values()],
      [
        ['区划', `${region.name}（${region.code}）`],
        ['日期', date],
        ['目录版本', version],
        ['事项数', String(eff.items.length)],
      ],
    ),
  ]);
  return { stream, filename: `${region.name}-现行目录-${date}.xlsx` };
}
