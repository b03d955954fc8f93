/**
 * The one judge: what a request or a ledger row is, judged against the effective catalogs of one region
 * on one date (a CatalogView). Pure: no database, no clock. The admission pre-check
 * (admission.precheck.ts) and the ledger's suggestions (campaigns.judge.ts) turn a Judgement into an
 * outcome or a suggested verdict; the certificate desk and the public check read the same verdicts.
 *
 * Order of judgement
 * 1. Prohibitions: every rule of the effective prohibition items (rules.ts) reads the whole input (title,
 *    description, forms and their frequency, the dedicated-post box, the board). Any finding → prohibited,
 *    whatever basis is cited (the basis is never read by a rule).
 * 2. Certificates: the certificate lists (positive / negative), through the one matcher.
 * 3. Signs: the district's sign guide (the same guide the ledger uses), then the sign-guide catalog.
 * 4. Mechanisms and posts, recognised from the text (成立…领导小组, 设立…工作站, 专班, 专干, 专人专岗 …) or
 *    from the subject and the box: the village's own statutory organs (mechanism catalog) → statutory;
 *    anything else → mechanism (the caller applies the basis, money and people rules of S-6.3).
 * 5. Work: duty and assistance catalogs through the matcher; nothing matched → not in catalog, or
 *    unverifiable when a catalog kind the answer rests on is partial or missing.
 */
import type { CatalogKind, Completeness } from '../../../shared/catalogs.js';
import {
  certificateVerdict,
  CERTIFICATE_KINDS,
  createMatcher,
  type Matcher,
  type MatchOptions,
  type MatchResult,
} from './matcher.js';
import { foldText } from './matcher.normalize.js';
import { compileRules, evaluate, triggerWords, type ItemRef, type RuleFinding, type RuleSet } from './rules.js';
import type { CatalogRecord, Effective } from './catalogs.model.js';

export type { ItemRef, RuleFinding, RuleSet };

export type { Completeness };
export const COMPLETENESS_LABELS: Record<Completeness, string> = {
  complete: '完整',
  partial: '部分（目录未完整）',
  missing: '缺失（未导入正式目录）',
};

/** An item of the effective catalogs, as the judge and its callers see it. */
export interface JudgedItem {
  code: string;
  name: string;
  kind: CatalogKind;
  catalogId: string;
  catalogTitle: string;
  /** Legal or policy basis (document, article where known). */
  basis: string | null;
  /** Official alternative channel (negative items), only where the source gives it. */
  alternativeChannel: string | null;
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
  match(text: string, kinds?: readonly CatalogKind[], opts?: MatchOptions): MatchResult;
  /** Compiled patterns of the effective prohibition items. */
  rules: RuleSet;
  completeness(kind: CatalogKind): Completeness;
  /** The district's sign guide: one guide for the gate and the ledger. */
  signGuide: SignGuide;
}

export const SUBJECTS = ['work_affair', 'mechanism', 'sign', 'certificate', 'form_report', 'special_task'] as const;
export type Subject = (typeof SUBJECTS)[number];

export interface JudgeInput {
  subject: Subject;
  title: string;
  description?: string;
  forms?: readonly { name: string; frequency: string; fields?: string }[];
  dedicatedPost?: boolean;
  position?: 'outside' | 'inside' | 'functional_area';
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

const refOf = (it: JudgedItem): ItemRef => ({
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
export function completenessOf(
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
  const derived = completenessOf(catalogs.map((c) => ({ ...c, itemCount: counts.get(c.id) ?? 0 })));
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

// ───────────────────────────── mechanisms ─────────────────────────────

/** Verbs that set something up or staff it. */
const SETUP_VERBS = [
  '成立',
  '设立',
  '组建',
  '建立',
  '健全',
  '设置',
  '新设',
  '增设',
  '下设',
  '挂牌',
  '配备',
  '配齐',
  '配强',
  '明确',
  '确定',
  '落实',
  '选聘',
  '聘用',
  '聘请',
  '招聘',
  '选配',
  '选派',
  '指定',
  '安排',
  '抽调',
  '设',
  '建',
].map(foldText);

/** Structures and posts that a department asks villages to set up (not the village's own organs). */
const MECHANISM_WORDS = [
  '工作领导小组',
  '领导小组',
  '工作小组',
  '专项小组',
  '指挥部',
  '工作专班',
  '专班',
  '办公室',
  '工作站',
  '服务站',
  '联络站',
  '工作室',
  '服务室',
  '服务点',
  '联络点',
  '工作点',
  '服务中心',
  '工作中心',
  '驿站',
  '工作队',
  '服务队',
  '巡逻队',
  '突击队',
  '理事会',
  '委员会',
  '网格员',
  '信息员',
  '协管员',
  '联络员',
  '监督员',
  '宣传员',
  '管理员',
  '巡查员',
  '指导员',
  '督导员',
  '安全员',
  '专员',
  '专干',
  '专职',
  '专岗',
  '专人专岗',
].map(foldText);

/** Posts that are a dedicated-post demand by themselves, with or without a verb. */
const STANDALONE_POSTS = ['专人专岗', '专岗', '专干', '专职人员', '专职工作人员', '专职队伍'].map(foldText);

/** Everyday names of the village's own organs, by the item's name without its bracketed note. */
const ORGAN_ALIASES: Record<string, string[]> = {
  人民调解委员会: ['人民调解委员会', '调解委员会', '调委会', '人民调解组织'],
  治安保卫委员会: ['治安保卫委员会', '治保委员会', '治保会', '治安保卫组织'],
  '公共卫生(与计划生育)委员会': [
    '公共卫生委员会',
    '公共卫生和计划生育委员会',
    '公共卫生与计划生育委员会',
    '公共卫生与计生委员会',
  ],
  妇女和儿童工作委员会: ['妇女和儿童工作委员会', '妇女儿童工作委员会', '妇儿工委'],
  村务监督委员会: ['村务监督委员会', '村务监督组织', '村监委', '村务监督机构'],
  村党组织: ['村党组织', '村党支部', '村党总支', '村党委'],
  村民委员会: ['村民委员会', '村委会', '居民委员会'],
  村集体经济组织: ['村集体经济组织', '股份经济合作社', '股份经济联合社', '经济合作社', '集体经济组织'],
  '村民会议、村民代表会议': ['村民会议', '村民代表会议', '村民代表大会'],
  村民小组: ['村民小组'],
  村民选举委员会: ['村民选举委员会'],
};

const stripNote = (name: string) => foldText(name).replace(/\((村委会下属|换届期间)\)$/, '');

interface OrganHit {
  item: JudgedItem;
  word: string;
  at: number;
}

/** The village's own organs named in a text (mechanism-catalog items, by name or everyday alias). */
function organsIn(view: CatalogView, text: string): OrganHit[] {
  const out: OrganHit[] = [];
  for (const it of view.items) {
    if (it.kind !== 'mechanism') continue;
    const base = stripNote(it.name);
    const words = new Set([...(ORGAN_ALIASES[base] ?? []), ...base.split('、')].map(foldText));
    for (const w of words) {
      let at = text.indexOf(w);
      while (at >= 0) {
        out.push({ item: it, word: w, at });
        at = text.indexOf(w, at + w.length);
      }
    }
  }
  // Longest first at each place (调解委员会 inside 人民调解委员会 counts once).
  out.sort((a, b) => a.at - b.at || b.word.length - a.word.length);
  return out.filter(
    (h, i) => !out.slice(0, i).some((p) => h.at >= p.at && h.at + h.word.length <= p.at + p.word.length),
  );
}

const CLAUSE = /[,，、;；。:：!！?？\n]/;

/** Is one of the setup verbs in the clause before `at` (within 20 characters)? */
function setupBefore(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && at - start < 20 && !CLAUSE.test(text[start - 1])) start--;
  const before = text.slice(start, at);
  return SETUP_VERBS.some((v) => before.includes(v));
}

export interface MechanismFacts {
  recognised: boolean;
  words: string[];
  /** The village's own organ the text sets up or names as the subject, if any. */
  organ: JudgedItem | null;
  organWord: string | null;
}

/**
 * Mechanisms and posts a text asks villages to set up. Organs of the mechanism catalog are blanked out
 * first, so “村民委员会下设治安保卫委员会” is the village's own organ, not a new mechanism.
 */
export function recognizeMechanism(view: CatalogView, text: string, subjectIsMechanism = false): MechanismFacts {
  const t = foldText(text).replace(/\s+/g, '');
  const organs = organsIn(view, t);
  let blank = t;
  for (const o of organs) blank = blank.slice(0, o.at) + '□'.repeat(o.word.length) + blank.slice(o.at + o.word.length);
  const words: string[] = [];
  for (const w of MECHANISM_WORDS) {
    let at = blank.indexOf(w);
    while (at >= 0) {
      const inside = words.some((x) => x.includes(w));
      if (!inside && (STANDALONE_POSTS.includes(w) || setupBefore(blank, at))) {
        words.push(w);
        break;
      }
      at = blank.indexOf(w, at + w.length);
    }
  }
  for (const w of STANDALONE_POSTS) if (blank.includes(w) && !words.some((x) => x.includes(w))) words.push(w);
  // The organ a request is about: one set up by a verb, else (for a mechanism request) the first named.
  const set = organs.find((o) => setupBefore(t, o.at));
  const organ = set ?? (subjectIsMechanism ? (organs[0] ?? null) : null);
  return { recognised: words.length > 0, words, organ: organ?.item ?? null, organWord: organ?.word ?? null };
}

// ───────────────────────────── signs ─────────────────────────────

const foldBoard = (s: string) => foldText(s).replace(/\s+/g, '');

/** The guide's board rule a text belongs to: the rule with the longest matching pattern. */
export function boardOf(text: string, rules: readonly BoardRule[]): BoardRule | null {
  const t = foldBoard(text);
  let best: BoardRule | null = null;
  let len = 0;
  for (const r of rules)
    for (const p of r.patterns) {
      const fp = foldBoard(p);
      if (fp && t.includes(fp) && fp.length > len) {
        best = r;
        len = fp.length;
      }
    }
  return best;
}

const OUTSIDE_WORDS = [
  '门口',
  '大门',
  '门前',
  '外墙',
  '门头',
  '室外',
  '院外',
  '院门',
  '村口',
  '户外',
  '楼顶',
  '门楣',
  '门柱',
];
const INSIDE_WORDS = ['室内', '大厅', '屋内', '服务站内', '服务中心内', '办公室内', '内墙', '墙内', '室内墙'];
const AREA_WORDS = ['功能室', '功能区', '活动室门', '室门口', '阅览室门'];

/** Where a board is said to hang, from the text (default outside: a board for the village gate). */
export function positionOf(text: string): { position: SignFacts['position']; inferred: boolean } {
  const t = foldBoard(text);
  if (AREA_WORDS.some((w) => t.includes(w))) return { position: 'functional_area', inferred: true };
  if (INSIDE_WORDS.some((w) => t.includes(w))) return { position: 'inside', inferred: true };
  if (OUTSIDE_WORDS.some((w) => t.includes(w))) return { position: 'outside', inferred: true };
  return { position: 'outside', inferred: true };
}

const QUOTED = /[“"「『《'‘]([^”"」』》'’]{2,40})[”"」』》'’]/;

/** The board's own name: the quoted name in the title, else in the description, else the title. */
export function boardNameOf(title: string, description = ''): string {
  const m = QUOTED.exec(title) ?? QUOTED.exec(description);
  return (m ? m[1] : title).trim();
}

const SHORT_SIGN = 12;

// ───────────────────────────── the judge ─────────────────────────────

/** A request title without the frame of a notice: “关于开展2024年度…工作的通知” → “…工作”. */
export function coreTitle(title: string): string {
  let t = title.trim();
  t = t.replace(/^(关于|有关)(印发|开展|做好|进一步|切实|全面|扎实|深入|组织|报送|申请|请求|在)*/, '');
  t = t.replace(/(的)?(通知|函|请示|报告|申请|实施方案|工作方案|方案|意见|安排|的通知)$/, '');
  t = t.replace(/(20\d\d|二〇[一二三四五六七八九〇]{2})年度?/g, '');
  return t.trim() || title.trim();
}

const WORK_KINDS: readonly CatalogKind[] = ['duty', 'assistance'];

/** Filler of department wording that names no task (协助做好…工作): dropped before matching work items. */
const WORK_FILLER =
  /(协助|配合|做好|组织开展|开展|组织|落实|推进|推动|加强|强化|全面|深入|扎实|切实|进一步|认真|积极|持续|抓好|各村|村级组织|村委会|村\(社区\)|全村|本村|工作|相关|有关|事宜|入户登记|入户调查|入户走访|入户摸排)/g;

/** The text a work request is matched by: the title's core without filler (the raw core when nothing is left). */
export function workText(title: string): string {
  const core = coreTitle(title);
  const stripped = foldText(core).replace(WORK_FILLER, '').trim();
  return stripped.length >= 2 ? stripped : core;
}

function bestOf(view: CatalogView, text: string, kinds: readonly CatalogKind[], readings = true) {
  const r = view.match(text, kinds, { readings });
  if (!r.best) return null;
  const it = view.item(r.best.code);
  return it && !it.catchAll ? { item: it, score: r.best.score, reason: r.best.reason } : null;
}

const quoteItem = (it: { code: string; name: string }) => `${it.code}“${it.name}”`;

function findingText(f: RuleFinding): string {
  return `《${f.item.catalogTitle}》${quoteItem(f.item)}，触发词“${triggerWords(f).join('、')}”（${f.triggers
    .map((t) => t.section)
    .join('、')}）`;
}

/** The duty or assistance item that matches the request and itself names one of the recognised posts or bodies. */
function namedByWorkItem(view: CatalogView, input: JudgeInput, words: readonly string[]) {
  const texts = [
    workText(input.title),
    ...(input.description ? [workText(input.description.split(/[。；;\n]/)[0])] : []),
  ];
  for (const t of texts) {
    const hit = bestOf(view, t, WORK_KINDS, false);
    if (!hit) continue;
    const name = foldText(hit.item.name);
    const word = words.find((w) => name.includes(w) || name.includes(w.replace(/员$/, '人')));
    if (word) return { ...hit, word };
  }
  return null;
}

/** Judges one request or row. */
export function judge(view: CatalogView, input: JudgeInput): Judgement {
  const board = input.subject === 'sign';
  const findings = evaluate(view.rules, {
    title: input.title,
    description: input.description,
    forms: input.forms,
    dedicatedPost: input.dedicatedPost,
    position: input.position,
    board,
  });
  const fullText = [input.title, input.description ?? '', ...(input.forms ?? []).map((f) => f.name)].join('。');
  const mech =
    input.subject === 'certificate' || board || (input.recognizeMechanisms === false && input.subject !== 'mechanism')
      ? { recognised: false, words: [] as string[], organ: null, organWord: null }
      : recognizeMechanism(view, fullText, input.subject === 'mechanism');
  const mechanism = { recognised: mech.recognised, words: mech.words, dedicatedPost: input.dedicatedPost === true };
  const base = { findings, mechanism, sign: null as SignFacts | null, catalogVersion: view.versionId };

  if (findings.length) {
    return {
      ...base,
      verdict: 'prohibited',
      item: findings[0].item,
      score: null,
      completeness: { prohibition: view.completeness('prohibition') },
      explanation: `属于减负措施禁止事项：${findings.map(findingText).join('；')}`,
    };
  }

  if (input.subject === 'certificate') {
    // The raw name, exactly as the public certificate check reads it (the two must never disagree).
    const r = view.match(input.title, CERTIFICATE_KINDS);
    const v = certificateVerdict(r);
    const completeness = {
      certificate: view.completeness('certificate'),
      negative_certificate: view.completeness('negative_certificate'),
    };
    const hit = v === 'unlisted' ? null : (r.candidates.find((c) => c.score >= r.threshold && !c.related) ?? null);
    const it = hit ? view.item(hit.code) : null;
    if (v !== 'unlisted' && it)
      return {
        ...base,
        verdict: v === 'negative' ? 'negative_certificate' : 'positive_certificate',
        item: refOf(it),
        score: hit!.score,
        completeness,
        explanation:
          v === 'negative'
            ? `该证明列入《${it.catalogTitle}》${quoteItem(it)}，不应由村级组织出具`
            : `该证明属于《${it.catalogTitle}》${quoteItem(it)}，村级组织依法出具`,
      };
    const incomplete = Object.values(completeness).some((c) => c !== 'complete');
    return {
      ...base,
      verdict: incomplete ? 'unverifiable' : 'not_in_catalog',
      item: null,
      score: null,
      completeness,
      explanation: incomplete
        ? '该证明不在现有证明事项清单内，但清单尚未完整，待核实（目录未完整）'
        : '该证明不在村级组织出具证明事项清单和不应出具证明事项清单内',
    };
  }

  if (board) {
    const name = boardNameOf(input.title, input.description);
    const pos = input.position
      ? { position: input.position, inferred: false }
      : positionOf(`${input.title}。${input.description ?? ''}`);
    const guide = view.signGuide;
    const allowed = boardOf(name, guide.allowedBoards);
    const inside = boardOf(name, guide.insideBoards);
    const catalogHit = view.items.some((i) => i.kind === 'sign_guide') ? bestOf(view, name, ['sign_guide']) : null;
    const sign: SignFacts = {
      board: name,
      position: pos.position,
      positionInferred: pos.inferred,
      rule: allowed?.name ?? inside?.name ?? catalogHit?.item.name ?? null,
      short: foldBoard(name).length <= SHORT_SIGN,
    };
    const completeness = { sign_guide: view.completeness('sign_guide') };
    const common = { ...base, sign, completeness, score: catalogHit?.score ?? null };
    if (pos.position === 'functional_area')
      return {
        ...common,
        verdict: 'inside_sign',
        item: catalogHit ? refOf(catalogHit.item) : null,
        explanation: sign.short
          ? '功能区入口的简短标识，符合标识牌指引'
          : `功能区入口只设简短标识（${SHORT_SIGN} 字以内），“${name}”过长`,
      };
    if (allowed || catalogHit)
      return {
        ...common,
        verdict: 'allowed_sign',
        item: catalogHit ? refOf(catalogHit.item) : null,
        explanation: `属于允许悬挂的牌子“${allowed?.name ?? catalogHit!.item.name}”${allowed ? '（区标识牌指引）' : '（标识牌指引目录）'}`,
      };
    if (inside)
      return {
        ...common,
        verdict: 'inside_sign',
        item: null,
        explanation:
          pos.position === 'outside'
            ? `“${inside.name}”应悬挂在村综合服务设施内的醒目位置，不在室外另挂`
            : `“${inside.name}”悬挂在综合服务设施内，符合区标识牌指引`,
      };
    return {
      ...common,
      verdict: 'sign_not_allowed',
      item: null,
      explanation: `“${name}”不在区标识牌指引允许悬挂的牌子清单内（允许：${guide.allowedBoards.map((b) => b.name).join('、')}）`,
    };
  }

  const isMechanism =
    input.subject === 'mechanism' ||
    mech.recognised ||
    (input.dedicatedPost === true && input.recognizeMechanisms !== false);
  if (isMechanism || mech.organ) {
    const completeness = { mechanism: view.completeness('mechanism') };
    if (mech.organ && !mech.recognised && !input.dedicatedPost)
      return {
        ...base,
        verdict: 'statutory_mechanism',
        item: refOf(mech.organ),
        score: null,
        completeness,
        explanation: `“${mech.organWord}”属于村级组织依法设立的组织《${mech.organ.catalogTitle}》${quoteItem(mech.organ)}${mech.organ.basis ? `（${mech.organ.basis}）` : ''}`,
      };
    // A post or body that a duty or assistance item itself names (自然灾害信息员, 消防安全管理人 …) is catalogued.
    const named = mech.words.length ? namedByWorkItem(view, input, mech.words) : null;
    if (named)
      return {
        ...base,
        verdict: named.item.kind === 'duty' ? 'duty' : 'assistance',
        item: refOf(named.item),
        score: named.score,
        completeness: { duty: view.completeness('duty'), assistance: view.completeness('assistance') },
        explanation: `要求的“${named.word}”由《${named.item.catalogTitle}》${quoteItem(named.item)}规定（${named.item.basis ?? '依据见目录'}），按目录事项判断`,
      };
    const what = [...mech.words, ...(input.dedicatedPost ? ['专人专岗（申请中勾选）'] : [])];
    return {
      ...base,
      verdict: 'mechanism',
      item: null,
      score: null,
      completeness,
      explanation: what.length
        ? `要求村级设立工作机制或专人专岗（识别到“${what.join('、')}”），不属于村级组织依法设立的组织`
        : '申请设立的工作机制不属于村级组织依法设立的组织',
    };
  }

  let hit = bestOf(view, workText(input.title), WORK_KINDS, false);
  if (!hit && input.description) {
    const first = input.description.split(/[。；;\n]/).find((s) => s.trim().length >= 4);
    if (first) hit = bestOf(view, workText(first), WORK_KINDS, false);
  }
  const completeness = { duty: view.completeness('duty'), assistance: view.completeness('assistance') };
  if (hit)
    return {
      ...base,
      verdict: hit.item.kind === 'duty' ? 'duty' : 'assistance',
      item: refOf(hit.item),
      score: hit.score,
      completeness,
      explanation: `属于《${hit.item.catalogTitle}》${quoteItem(hit.item)}（${hit.reason}）`,
    };
  const incomplete = Object.values(completeness).some((c) => c !== 'complete');
  const missing = (Object.entries(completeness) as [CatalogKind, Completeness][])
    .filter(([, c]) => c !== 'complete')
    .map(([k, c]) => `${k === 'duty' ? '履行职责事项目录' : '协助政务服务事项目录'}${COMPLETENESS_LABELS[c]}`);
  return {
    ...base,
    verdict: incomplete ? 'unverifiable' : 'not_in_catalog',
    item: null,
    score: null,
    completeness,
    explanation: incomplete
      ? `现有目录中没有与之对应的事项，但${missing.join('，')}，无法断定是否属于目录外事项：待核实（目录未完整）`
      : '不在适用地区当日有效的履行职责事项和协助政务服务事项目录内（目录外事项）',
  };
}
