/**
 * Seed catalogs: the real reference lists shipped in `reference/catalogs/*.json`, one file per list,
 * converted from `catalogs.json` without adding or rewording items. Partial lists say so
 * (`complete: false`); lists whose text was not found ship with `items: []` so that the UI can ask the
 * district to import the official annex table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fromRoot } from '../../paths.js';
import type { MatchableItem } from './matcher.js';

import { CATALOG_KINDS, type CatalogKind } from '../../../shared/catalogs.js';
export { CATALOG_KINDS, type CatalogKind };

/** Layers of shipped lists. Other provinces' and other localities' lists are references, never adopted by default. */
export type CatalogLayer = 'national' | 'provincial' | 'other_province' | 'other_locality';

export interface SeedItem {
  /** Stable code `<PREFIX>-<NN>`, two-digit sequence in source order. */
  code: string;
  name: string;
  category: string | null;
  /** Document (and article where known); otherwise the list's source document. */
  basis: string;
  /** Only when the source names it. */
  responsibleDepartment: string | null;
  /** Funding arrangement (费随事转), only when the source gives it. */
  funding: string | null;
  /** Official alternative channel for negative items, only where the source gives it. */
  alternativeChannel: string | null;
  notes: string | null;
  /** Item-level source when it differs from the catalog's. */
  sourceUrl: string | null;
  /** The positive list's bucket "其他依法依规需要出具的证明事项": never a match target. */
  catchAll: boolean;
  /** Negative items only: the platform's own guidance, explicitly NOT the official column. */
  guidance?: string;
  /**
   * Prohibition items: recognition rules in the pattern language of catalogs/rules.ts, one per line.
   * The platform's own wording (like guidance), never the official text; null where the structural rules
   * (mechanisms, signs) enforce the item instead.
   */
  patterns?: string | null;
}

export interface SeedCatalog {
  id: string;
  kind: CatalogKind;
  title: string;
  layer: CatalogLayer;
  province: string;
  /** other_locality only: the city or county whose list this is, e.g. 河北省石家庄市鹿泉区. */
  locality?: string;
  year: number | null;
  source_url: string;
  secondary_sources: string[];
  /** The completeness statement of the source, verbatim. */
  completeness: string;
  /** false where the source says PARTIAL / NOT FOUND / CONSTRUCTED / NOT a catalog. */
  complete: boolean;
  /** National and 山西省 lists are active by default; other provinces' lists are labelled and inactive. */
  adoptedByDefault: boolean;
  /** ISO date, or null where not even the year is known; see dateNote. */
  effectiveFrom: string | null;
  dateNote: string;
  codePrefix: string;
  /** The `kind` used in the source catalogs.json. */
  sourceKind: string;
  unknownItemCount?: number;
  attachedRules?: string[];
  guidanceNote?: string;
  importNote?: string;
  referenceFromOtherProvince?: unknown;
  items: SeedItem[];
}

const SEED_DIR = pathToFileURL(fromRoot('reference', 'catalogs') + '/');
/** Not a catalog: which reference lists the demo district adopts (see loadDemoAdoptions). */
const DEMO_ADOPTIONS_FILE = 'demo-adoptions.json';
const LAYER_ORDER: Record<CatalogLayer, number> = { national: 0, provincial: 1, other_province: 2, other_locality: 3 };
const CODE_RE = /^[A-Z]+(?:-[A-Z]+)*(?:-\d{4})?-\d{2}$/;

let cache: SeedCatalog[] | null = null;

/**
 * Reads every seed catalog (synchronously, once per process) and checks its shape.
 * Ordered national → provincial → other provinces → other localities, then by id. Callers get a deep copy.
 */
export function loadSeedCatalogs(): SeedCatalog[] {
  if (!cache) {
    const files = readdirSync(SEED_DIR).filter((f) => f.endsWith('.json') && f !== DEMO_ADOPTIONS_FILE);
    const catalogs = files.map((f) => {
      const data = JSON.parse(readFileSync(new URL(f, SEED_DIR), 'utf8')) as SeedCatalog;
      assertCatalog(data, f);
      return data;
    });
    catalogs.sort((a, b) => LAYER_ORDER[a.layer] - LAYER_ORDER[b.layer] || a.id.localeCompare(b.id));
    assertUniqueCodes(catalogs);
    cache = catalogs;
  }
  return structuredClone(cache);
}

export interface DemoAdoptions {
  /** The demo district's division code (6 digits). */
  region: string;
  /** Ids of shipped catalogs the district adopts as references. */
  adopt: string[];
  note: string;
}

/**
 * The reference lists the demo district (长治市上党区) adopts until it imports its official tables
 * (reference/catalogs/demo-adoptions.json; the reasons are in reference/catalogs/README.md "Demo adoptions").
 * Checks that every id is a shipped catalog that is not already in force by default.
 */
export function loadDemoAdoptions(): DemoAdoptions {
  const data = JSON.parse(readFileSync(new URL(DEMO_ADOPTIONS_FILE, SEED_DIR), 'utf8')) as DemoAdoptions;
  if (!/^\d{6}$/.test(data.region))
    throw new Error(`reference/catalogs/${DEMO_ADOPTIONS_FILE}: bad region ${data.region}`);
  const byId = new Map(loadSeedCatalogs().map((c) => [c.id, c]));
  for (const id of data.adopt) {
    const c = byId.get(id);
    if (!c) throw new Error(`reference/catalogs/${DEMO_ADOPTIONS_FILE}: no shipped catalog ${id}`);
    if (c.adoptedByDefault)
      throw new Error(`reference/catalogs/${DEMO_ADOPTIONS_FILE}: ${id} is already in force by default`);
  }
  return { region: data.region, adopt: [...data.adopt], note: data.note };
}

/** One seed item as the matcher reads it. */
export const matchableOf = (
  c: SeedCatalog,
  it: SeedCatalog['items'][number],
): MatchableItem & { catchAll: boolean } => ({
  code: it.code,
  name: it.name,
  kind: c.kind,
  catalogId: c.id,
  catalogTitle: c.title,
  basis: it.basis,
  alternativeChannel: it.alternativeChannel,
  catchAll: it.catchAll,
});

/** Flattens catalogs into matcher input (catch-all items included; the matcher never lets them win). */
export function toMatchableItems(catalogs: SeedCatalog[]): MatchableItem[] {
  return catalogs.flatMap((c) => c.items.map((it) => matchableOf(c, it)));
}

function assertCatalog(c: SeedCatalog, file: string): void {
  const fail = (msg: string): never => {
    throw new Error(`reference/catalogs/${file}: ${msg}`);
  };
  if (`${c.id}.json` !== file) fail(`id ${c.id} does not match the file name`);
  if (!CATALOG_KINDS.includes(c.kind)) fail(`unknown kind ${String(c.kind)}`);
  if (!(c.layer in LAYER_ORDER)) fail(`unknown layer ${String(c.layer)}`);
  if ((c.layer === 'other_locality') !== (typeof c.locality === 'string' && c.locality.length > 0))
    fail('locality is required for other_locality lists and only for them');
  if ((c.layer === 'other_province' || c.layer === 'other_locality') && c.adoptedByDefault)
    fail('lists from another province or locality are references and are never adopted by default');
  if (typeof c.complete !== 'boolean' || typeof c.adoptedByDefault !== 'boolean')
    fail('complete/adoptedByDefault must be boolean');
  if (c.effectiveFrom !== null && !/^\d{4}-\d{2}-\d{2}$/.test(c.effectiveFrom))
    fail(`bad effectiveFrom ${c.effectiveFrom}`);
  if (!Array.isArray(c.items)) fail('items must be an array');
  c.items.forEach((it, i) => {
    const expected = `${c.codePrefix}-${String(i + 1).padStart(2, '0')}`;
    if (it.code !== expected || !CODE_RE.test(it.code)) fail(`item ${i + 1} has code ${it.code}, expected ${expected}`);
    if (!it.name) fail(`item ${it.code} has no name`);
    if (!it.basis) fail(`item ${it.code} has no basis`);
    if (typeof it.catchAll !== 'boolean') fail(`item ${it.code}: catchAll must be boolean`);
  });
}

function assertUniqueCodes(catalogs: SeedCatalog[]): void {
  const seen = new Map<string, string>();
  for (const c of catalogs)
    for (const it of c.items) {
      const prev = seen.get(it.code);
      if (prev) throw new Error(`duplicate item code ${it.code} in ${prev} and ${c.id}`);
      seen.set(it.code, c.id);
    }
}
