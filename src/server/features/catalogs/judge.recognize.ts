/**
 * What a request's text says beyond the catalogs: the mechanisms and posts it asks villages to set up (and
 * the village's own organs it names), and where a board hangs and what it is called. Pure.
 */
import { foldText } from './matcher.lexicon.js';
import type { BoardRule, CatalogView, JudgedItem, SignFacts } from './judge.view.js';

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

export const foldBoard = (s: string) => foldText(s).replace(/\s+/g, '');

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

export const SHORT_SIGN = 12;
