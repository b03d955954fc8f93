/**
 * The one wiring point between ledgers and the catalogs feature, through its service only:
 * - the catalog version a village is judged against is the published (public-view) effective catalog
 *   of the village today (`effectiveFor` + `recordVersion`), stored on every judged row;
 * - certificate rows are judged by `publicCertificateCheck` itself, so a ledger's suggestion and the
 *   public "can my village issue this?" answer cannot disagree for the same name;
 * - other kinds (mechanism, duty, assistance, prohibition, sign guide) go through `matchInRegion`.
 *
 * Answers depend only on the version (a content hash), so they are memoised per version and name.
 * Catalog layers stop at the township (catalogs.policy isLayerLevel), so villages of one township
 * share one effective catalog: it is computed once per township per unit of work.
 */
import type { Deps } from '../../deps.js';
import type { CatalogKind } from '../../../shared/catalogs.js';
import type { CatalogHitItem, CatalogLookup, CertificateVerdict } from './campaigns.judge.js';
import { effectiveFor, matchInRegion, publicCertificateCheck, recordVersion } from '../catalogs/catalogs.service.js';

export interface CatalogLookups {
  /** The lookup for one village on the unit of work's date. */
  forVillage(villageCode: string): Promise<CatalogLookup>;
}

type CertAnswer = Awaited<ReturnType<CatalogLookup['certificate']>>;

interface VersionMemo {
  matches: Map<string, Promise<{ best: CatalogHitItem | null; candidates: CatalogHitItem[] }>>;
  certificates: Map<string, Promise<CertAnswer>>;
}

const MAX_VERSIONS = 32;
const MAX_NAMES = 50_000;
const memos = new Map<string, VersionMemo>();

function memoOf(versionId: string): VersionMemo {
  let m = memos.get(versionId);
  if (!m) {
    memos.set(versionId, (m = { matches: new Map(), certificates: new Map() }));
    while (memos.size > MAX_VERSIONS) memos.delete(memos.keys().next().value!);
  }
  if (m.matches.size > MAX_NAMES) m.matches.clear();
  if (m.certificates.size > MAX_NAMES) m.certificates.clear();
  return m;
}

const NOTHING = Promise.resolve({ best: null, candidates: [] as CatalogHitItem[] });

function lookupFor(
  deps: Deps,
  regionCode: string,
  date: string,
  versionId: string,
  kindsPresent: Set<string>,
): CatalogLookup {
  const memo = memoOf(versionId);
  const run = (name: string, kinds: readonly string[]) => {
    // The matcher cannot match a kind the effective catalog has no item of (e.g. the sign guide, not yet imported).
    if (!kinds.some((k) => kindsPresent.has(k))) return NOTHING;
    const key = `${kinds.join(',')}|${name}`;
    let p = memo.matches.get(key);
    if (!p) {
      p = matchInRegion(deps, regionCode, name, { kinds: kinds as CatalogKind[], date, view: 'public' }).then((m) => {
        const basis = (code: string) => m.eff.items.find((i) => i.code === code)?.fields.basis ?? null;
        const toItem = (c: { code: string; name: string; kind: string; score: number }): CatalogHitItem => ({
          code: c.code,
          name: c.name,
          kind: c.kind,
          score: c.score,
          basis: basis(c.code),
        });
        return { best: m.result.best ? toItem(m.result.best) : null, candidates: m.result.candidates.map(toItem) };
      });
      p.catch(() => memo.matches.delete(key));
      memo.matches.set(key, p);
    }
    return p;
  };
  return {
    versionId,
    match: async (name, kinds) => (await run(name, kinds)).best,
    search: async (text, kinds) => (await run(text, kinds)).candidates,
    certificate(name) {
      let p = memo.certificates.get(name);
      if (!p) {
        p = publicCertificateCheck(deps, { q: name, region: regionCode }).then((r) => ({
          verdict: r.verdict as CertificateVerdict,
          item: r.item ? { code: r.item.code, name: r.item.name, basis: r.item.basis } : null,
          alternative: r.alternative,
          catalogVersion: r.catalogVersion,
        }));
        p.catch(() => memo.certificates.delete(name));
        memo.certificates.set(name, p);
      }
      return p;
    },
  };
}

/** Lookups for judging on `date` (YYYY-MM-DD, Asia/Shanghai). One effective catalog per township per call site. */
export function catalogLookups(deps: Deps, date: string): CatalogLookups {
  const byTownship = new Map<string, Promise<CatalogLookup>>();
  return {
    forVillage(code) {
      const township = code.slice(0, 9);
      let p = byTownship.get(township);
      if (!p) {
        p = (async () => {
          const eff = await effectiveFor(deps, code, date, 'public');
          return lookupFor(deps, code, date, await recordVersion(deps, eff), new Set(eff.items.map((i) => i.kind)));
        })();
        byTownship.set(township, p);
      }
      return p;
    },
  };
}

/** Forgets memoised answers (benchmarks measure a cold import with it; answers are otherwise stable per version). */
export function clearCatalogMemo() {
  memos.clear();
}
