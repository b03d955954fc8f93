/**
 * Spreadsheet exports: one catalog as it stood on a date, or a region's effective catalog on a date.
 * Headers, the "目录说明" sheet and file names are Chinese, from the locale table (zh).
 */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { streamWorkbook, type SheetSpec } from '../../core/spreadsheets.js';
import { zh } from '../../../shared/i18n.js';
import { layerLabel } from '../../../shared/catalogs.js';
import type { CatalogRecord } from './catalogs.model.js';
import { ITEM_SHEET, itemExportColumns } from './catalogs.excel.js';
import { effectiveFor, missing, recordVersion, regionsByCodes, today, visibleRegion } from './catalogs.effective.js';
import { itemsOn } from './catalogs.service.js';
import * as repo from './catalogs.repo.js';

const completeness = (c: CatalogRecord | undefined) => zh(c?.complete ? 'catalogs.complete' : 'catalogs.partial');

const aboutSheet = (
  catalogs: CatalogRecord[],
  lines: [string, string][],
): SheetSpec<{ a: string; b: string; c: string; d: string }> => ({
  name: zh('catalogs.export.aboutSheet'),
  columns: [
    { header: zh('catalogs.export.catalog'), width: 60, value: (r) => r.a },
    { header: zh('catalogs.export.layer'), width: 16, value: (r) => r.b },
    { header: zh('catalogs.export.completeness'), width: 60, value: (r) => r.c },
    { header: zh('catalogs.export.source'), width: 50, value: (r) => r.d },
  ],
  rows: [
    ...lines.map(([a, b]) => ({ a, b, c: '', d: '' })),
    ...catalogs.map((c) => ({
      a: c.title,
      b: layerLabel({ ...c, locality: c.extra.locality }, zh),
      c: `${completeness(c)}｜${c.completenessNote}`,
      d: c.sourceUrl ?? '',
    })),
  ],
});

/** One catalog's base items on a date (local lists: as they stand at their owner). */
export async function catalogWorkbook(deps: Deps, id: string, date = today(deps)) {
  const c = (await repo.catalogById(deps.db, id)) ?? missing('catalog');
  const items = await itemsOn(deps, c, date, c.ownerRegionCode);
  const stream = streamWorkbook([
    { name: ITEM_SHEET, columns: itemExportColumns(), rows: items },
    aboutSheet(
      [c],
      [
        [zh('catalogs.export.date'), date],
        [zh('catalogs.export.itemCount'), String(items.length)],
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
  const regions = await regionsByCodes(
    deps.db,
    eff.items.flatMap((i) => [i.addedBy, ...i.amendedBy]),
  );
  const name = (code: string | null) => (code ? (regions.get(code)?.name ?? code) : '');
  const stream = streamWorkbook([
    {
      name: ITEM_SHEET,
      columns: itemExportColumns([
        { header: zh('catalogs.export.kind'), width: 16, value: (i) => zh(`catalogs.kind.${i.kind}`) },
        {
          header: zh('catalogs.export.catalogOf'),
          width: 40,
          value: (i) => catalogs.get(i.catalogId)?.title ?? i.catalogId,
        },
        {
          header: zh('catalogs.export.catalogCompleteness'),
          width: 10,
          value: (i) => completeness(catalogs.get(i.catalogId)),
        },
        { header: zh('catalogs.export.addedBy'), width: 16, value: (i) => name(i.addedBy) },
        { header: zh('catalogs.export.amendedBy'), width: 16, value: (i) => i.amendedBy.map(name).join('、') },
      ]),
      rows: eff.items,
    },
    aboutSheet(
      [...catalogs.values()],
      [
        [zh('catalogs.export.region'), `${region.name}（${region.code}）`],
        [zh('catalogs.export.date'), date],
        [zh('catalogs.export.version'), version],
        [zh('catalogs.export.itemCount'), String(eff.items.length)],
      ],
    ),
  ]);
  return { stream, filename: zh('catalogs.export.effectiveFile', { region: region.name, date }) };
}
