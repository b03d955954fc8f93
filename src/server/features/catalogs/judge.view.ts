/**
 * The judge's view of the effective catalogs of one region on one date (CatalogView) and the types of a
 * judgement. Pure: a view is built from loaded items (seed-view.ts, the catalogs service), never from a query.
 */
import type { CatalogKind, Completeness } from '../../../shared/catalogs.js';
import { createMatcher, type MatchableItem, type Matcher, type MatchResult } from './matcher.js';
import { compileRules, type ItemRef, type RuleFinding, type RuleInput, type RuleSet } from './rules.js';
import type { CatalogRecord, Effective } from './catalogs.model.js';

export type { Completeness, ItemRef, RuleFinding, RuleSet };

export const COMPLETENESS_LABELS: Record<Completeness, string> = {
  complete: '完整',
  partial: '部分（目录未完整）',
  missing: '缺失（未导入正式目录）',
};

/** An item of the effective catalogs, as the judge and its callers see it. */
export interface JudgedItem extends MatchableItem {
  /** The platform's own guidance for negative items: NOT the official column; label it so. */
  guidance: string | null;
  /** Funding arrangement (assistance items), only where the source gives it. */
  funding: string | null;
  /** The positive list's bucket item; never a match. */
  catchAll: boolean;
  /** false where the catalog itself is partial. */
  catalogComplete: boolean;
  /** Prohibition items: recognition rules (rules.ts), one per line. */
  patterns: string | null;
}

/** A board of the sign guide: substrings that identify it (the longest matching pattern wins). */
export interface BoardRule {
  name: string;
  patterns: string[];
}

/** The district's sign guide (same shape as campaigns.model.ts SignGuide). */
export interface SignGuide {
  allowedBoards: BoardRule[];
  insideBoards: BoardRule[];
  maxVillage: number;
  maxCommunity: number;
  note: string;
}

/** The effective catalogs of one region on one date, already loaded. */
export interface CatalogView {
  versionId: string;
  regionCode: string;
  date: string;
  items: JudgedItem[];
  item(code: string): JudgedItem | null;
  /** The one matcher, built once per catalog version. */
  match(text: string, kinds?: readonly CatalogKind[], opts?: { readings?: boolean }): MatchResult;
  /** Compiled patterns of the effective prohibition items. */
  rules: RuleSet;
  completeness(kind: CatalogKind): Completeness;
  /** The district's sign guide: one guide for the gate and the ledger. */
  signGuide: SignGuide;
}

export const SUBJECTS = ['work_affair', 'mechanism', 'sign', 'certificate', 'form_report', 'special_task'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** What is judged: a request or a ledger row, as the rules read it (rules.ts), and what it is about. */
export interface JudgeInput extends Omit<RuleInput, 'board'> {
  subject: Subject;
  /** Never decides a prohibition; may be quoted in explanations. */
  basisText?: string;
  /** Recognise mechanisms and posts in the text of a work request (default true; a ledger work row: false). */
  recognizeMechanisms?: boolean;
}

export type Verdict =
  | 'prohibited'
  | 'negative_certificate'
  | 'positive_certificate'
  | 'duty'
  | 'assistance'
  | 'statutory_mechanism'
  | 'mechanism'
  | 'allowed_sign'
  | 'inside_sign'
  | 'sign_not_allowed'
  | 'not_in_catalog'
  | 'unverifiable';

export const VERDICT_LABELS: Record<Verdict, string> = {
  prohibited: '属于减负措施禁止事项',
  negative_certificate: '不应由村级组织出具的证明',
  positive_certificate: '村级组织出具证明事项',
  duty: '履行职责事项',
  assistance: '协助政务服务事项',
  statutory_mechanism: '村级组织依法设立的组织（保留机制）',
  mechanism: '新设工作机制或专人专岗',
  allowed_sign: '允许悬挂的牌子',
  inside_sign: '室内标识',
  sign_not_allowed: '不在允许悬挂的牌子清单内',
  not_in_catalog: '目录外事项',
  unverifiable: '待核实（目录未完整）',
};

export interface SignFacts {
  /** The board name the guide was asked about (quoted name, else the title). */
  board: string;
  position: 'outside' | 'inside' | 'functional_area';
  /** Position came from the text or the default (outside), not from a field. */
  positionInferred: boolean;
  /** The guide's board it belongs to. */
  rule: string | null;
  /** Functional-area signs: short enough (≤ 12 characters). */
  short: boolean;
}

export interface Judgement {
  verdict: Verdict;
  item: ItemRef | null;
  score: number | null;
  /** Every prohibition that fired (a request can trip several). */
  findings: RuleFinding[];
  mechanism: { recognised: boolean; words: string[]; dedicatedPost: boolean };
  /** Set for signs. */
  sign: SignFacts | null;
  /** Completeness of the catalog kinds the verdict rests on. */
  completeness: Partial<Record<CatalogKind, Completeness>>;
  catalogVersion: string;
  /** Chinese: names the clause, the document and the words. */
  explanation: string;
}

// ───────────────────────────── views ─────────────────────────────

export const refOf = (it: JudgedItem): ItemRef => ({
  code: it.code,
  name: it.name,
  kind: it.kind,
  catalogId: it.catalogId,
  catalogTitle: it.catalogTitle,
  basis: it.basis,
});

/**
 * Completeness of each kind from the catalogs in force: complete when one of them is declared complete
 * (the district imported the official table and says so), partial when some items are known, else missing.
 */
export function completenessOfLists(
  catalogs: readonly { kind: CatalogKind; complete: boolean; itemCount: number }[],
): (kind: CatalogKind) => Completeness {
  const by = new Map<CatalogKind, Completeness>();
  for (const c of catalogs) {
    const here: Completeness = c.complete ? 'complete' : c.itemCount === 0 ? 'missing' : 'partial';
    const prev = by.get(c.kind);
    const rank = { missing: 0, partial: 1, complete: 2 } as const;
    if (!prev || rank[here] > rank[prev]) by.set(c.kind, here);
  }
  return (kind) => by.get(kind) ?? 'missing';
}

export interface ViewInput {
  versionId: string;
  regionCode: string;
  date: string;
  items: JudgedItem[];
  signGuide: SignGuide;
  /** The catalogs in force (for completeness); default: from the items. */
  catalogs?: readonly { id: string; kind: CatalogKind; complete: boolean }[];
  /** Per-kind status set by the district (overrides what the catalogs say). */
  completeness?: Partial<Record<CatalogKind, Completeness>>;
  /** A matcher already built over the same items (else one is built here). */
  matcher?: Matcher;
}

/** A CatalogView over loaded items (the facade and the in-memory test view both use it). */
export function createCatalogView(v: ViewInput): CatalogView {
  const byCode = new Map(v.items.map((i) => [i.code, i]));
  const matcher =
    v.matcher ??
    createMatcher(
      v.items.map((i) => ({
        code: i.code,
        name: i.name,
        kind: i.kind,
        catalogId: i.catalogId,
        catalogTitle: i.catalogTitle,
        basis: i.basis,
        alternativeChannel: i.alternativeChannel,
        catchAll: i.catchAll,
      })),
    );
  const counts = new Map<string, number>();
  for (const i of v.items) counts.set(i.catalogId, (counts.get(i.catalogId) ?? 0) + 1);
  const catalogs =
    v.catalogs ??
    [...new Map(v.items.map((i) => [i.catalogId, { id: i.catalogId, kind: i.kind, complete: i.catalogComplete }]))].map(
      ([, c]) => c,
    );
  const derived = completenessOfLists(catalogs.map((c) => ({ ...c, itemCount: counts.get(c.id) ?? 0 })));
  return {
    versionId: v.versionId,
    regionCode: v.regionCode,
    date: v.date,
    items: v.items,
    item: (code) => byCode.get(code) ?? null,
    match: (text, kinds, opts) => matcher.match(text, kinds, opts),
    rules: compileRules(v.items.filter((i) => i.kind === 'prohibition')),
    completeness: (kind) => v.completeness?.[kind] ?? derived(kind),
    signGuide: v.signGuide,
  };
}

/** Items of an effective catalog as the judge sees them. */
export function judgedItemsOf(eff: Effective): JudgedItem[] {
  const byId = new Map<string, CatalogRecord>(eff.active.map((a) => [a.catalog.id, a.catalog]));
  return eff.items.map((i) => {
    const c = byId.get(i.catalogId);
    return {
      code: i.code,
      name: i.fields.name,
      kind: i.kind,
      catalogId: i.catalogId,
      catalogTitle: c?.title ?? i.catalogId,
      basis: i.fields.basis,
      alternativeChannel: i.fields.alternativeChannel,
      guidance: i.fields.guidance,
      funding: i.fields.funding,
      catchAll: i.fields.catchAll,
      catalogComplete: c?.complete ?? false,
      patterns: i.fields.patterns,
    };
  });
}

/** A CatalogView over an effective catalog (with the matcher cached for its version). */
export function viewFromEffective(
  eff: Effective,
  opts: {
    versionId: string;
    signGuide: SignGuide;
    matcher?: Matcher;
    completeness?: Partial<Record<CatalogKind, Completeness>>;
  },
): CatalogView {
  return createCatalogView({
    versionId: opts.versionId,
    regionCode: eff.regionCode,
    date: eff.date,
    items: judgedItemsOf(eff),
    signGuide: opts.signGuide,
    catalogs: eff.active.map((a) => ({ id: a.catalog.id, kind: a.catalog.kind, complete: a.catalog.complete })),
    completeness: opts.completeness,
    matcher: opts.matcher,
  });
}
