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
import type { CatalogKind } from '../../../shared/catalogs.js';
import { certificateVerdict, CERTIFICATE_KINDS } from './matcher.js';
import { foldText } from './matcher.lexicon.js';
import { evaluate, triggerWords } from './rules.js';
import {
  COMPLETENESS_LABELS,
  refOf,
  type CatalogView,
  type Completeness,
  type JudgeInput,
  type Judgement,
  type RuleFinding,
  type SignFacts,
} from './judge.view.js';
import { boardNameOf, boardOf, foldBoard, positionOf, recognizeMechanism, SHORT_SIGN } from './judge.recognize.js';

export * from './judge.view.js';
export { boardNameOf, boardOf, positionOf, recognizeMechanism, type MechanismFacts } from './judge.recognize.js';

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
    return outsideCatalogs(base, completeness, {
      incomplete: () => '该证明不在现有证明事项清单内，但清单尚未完整，待核实（目录未完整）',
      complete: '该证明不在村级组织出具证明事项清单和不应出具证明事项清单内',
    });
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
  return outsideCatalogs(base, completeness, {
    incomplete: (missing) =>
      `现有目录中没有与之对应的事项，但${missing
        .map(([k, c]) => `${k === 'duty' ? '履行职责事项目录' : '协助政务服务事项目录'}${COMPLETENESS_LABELS[c]}`)
        .join('，')}，无法断定是否属于目录外事项：待核实（目录未完整）`,
    complete: '不在适用地区当日有效的履行职责事项和协助政务服务事项目录内（目录外事项）',
  });
}

/**
 * No item of the catalogs fits: 待核实 (unverifiable) while one of the catalogs the verdict rests on is
 * incomplete — `missing` are those kinds — else outside the catalogs.
 */
function outsideCatalogs(
  base: Pick<Judgement, 'findings' | 'mechanism' | 'sign' | 'catalogVersion'>,
  completeness: Judgement['completeness'],
  explain: { incomplete: (missing: [CatalogKind, Completeness][]) => string; complete: string },
): Judgement {
  const missing = (Object.entries(completeness) as [CatalogKind, Completeness][]).filter(([, c]) => c !== 'complete');
  return {
    ...base,
    verdict: missing.length ? 'unverifiable' : 'not_in_catalog',
    item: null,
    score: null,
    completeness,
    explanation: missing.length ? explain.incomplete(missing) : explain.complete,
  };
}
