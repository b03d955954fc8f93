/**
 * The automatic pre-check (预审) of an admission request: the one judge (catalogs/judge.ts) says what the
 * request is, this module turns that and the request's own facts (basis levels, funding, staffing) into
 * an outcome with findings. Pure: no database, no clock.
 *
 * Rules (the worst outcome wins: refused > returned > unverified > needs_government > admissible):
 * - any prohibition rule that fires → refused, whatever basis is cited (the finding names the item, its
 *   document and the words that triggered it);
 * - a certificate on the negative list → refused (S-6.2); an unlisted certificate without a statutory
 *   basis → refused (S-6.2); a positive-list certificate → admissible as catalogued;
 * - mechanisms and posts (recognised from the text or the box): the village's own statutory organ →
 *   admissible as catalogued, no outside money needed; any other without a central or statutory basis →
 *   refused; with one but without the requester's people and money → returned (S-6.3);
 * - boards against the district's sign guide (S-6.1): allowed → admissible; a board that belongs inside
 *   but is asked outside, or a long functional-area sign → returned; anything else → refused;
 * - a duty item → admissible; an assistance item → admissible, unfunded → returned (S-6.4 费随事转);
 * - no basis at all → returned, saying exactly what to add;
 * - nothing in the effective catalogs → needs the district government's approval (S-7.3), or unverified
 *   (待核实（目录未完整）) when a catalog kind the answer rests on is partial or missing.
 */ import type { CatalogKind } from '../../../shared/catalogs.js';
import {
  judge,
  refOf as ref,
  type CatalogView,
  type ItemRef,
  type Judgement,
  type Verdict,
} from '../catalogs/judge.js';
import { STATUTORY_LEVELS, type PrecheckOutcome, type RequestContent } from './admission.schemas.js';
import {
  cited,
  citing,
  clause,
  documentOf,
  joinLabels,
  measure,
  MISSING_LABELS,
  OUTCOME_SEVERITY,
  type Finding,
  type Missing,
  type PrecheckResult,
} from './admission.findings.js';

export * from './admission.findings.js';
export type { ItemRef };

/** The judge's input from a request. */
export function judgeInputOf(content: RequestContent) {
  return {
    subject: content.kind,
    title: content.title,
    description: content.description,
    forms: content.forms,
    dedicatedPost: content.dedicatedPost,
    basisText: content.basis.map((b) => `${b.document}${b.article ? ` ${b.article}` : ''}`).join('；'),
  };
}

export function precheck(content: RequestContent, view: CatalogView): PrecheckResult {
  const j: Judgement = judge(view, judgeInputOf(content));
  const findings: Finding[] = [];
  const statutory = content.basis.filter((b) => STATUTORY_LEVELS.includes(b.level));
  const basisText = judgeInputOf(content).basisText;
  let catalogued = false;
  let outOfCatalog = false;
  let verdict: Verdict = j.verdict;

  // 1. Prohibitions: refused whatever the basis; one finding per item that fired.
  for (const f of j.findings) {
    const words = [...new Set(f.triggers.flatMap((t) => t.words))];
    findings.push({
      rule: 'prohibition',
      outcome: 'refused',
      clause: { id: f.item.code, text: f.item.name },
      item: f.item,
      score: null,
      document: documentOf(f.item),
      triggers: f.triggers,
      message: `触发减负措施禁止事项《${f.item.catalogTitle}》${f.item.code}“${f.item.name}”：${f.triggers
        .map((t) => `${t.section}中“${t.words.join('、')}”`)
        .join(
          '，',
        )}（“${words.join('、')}”）。禁止事项不得交由村级组织承担，无论所附依据如何均不予准入；请删除或改正这些要求后重新提交`,
    });
  }

  // A claimed catalog item (the department's own pick) stands in for a work match when it is in force here.
  const claimed = content.catalogItemCode ? view.item(content.catalogItemCode) : null;
  if (content.catalogItemCode && !claimed)
    findings.push({
      rule: 'claimed_item_missing',
      outcome: 'admissible',
      clause: clause('S-7.2'),
      item: null,
      score: null,
      message: `申报的目录事项编码 ${content.catalogItemCode} 不在适用地区当日有效的目录中，已按名称重新比对`,
    });
  const workClaim =
    !j.findings.length &&
    claimed &&
    !claimed.catchAll &&
    (claimed.kind === 'duty' || claimed.kind === 'assistance') &&
    ['duty', 'assistance', 'not_in_catalog', 'unverifiable'].includes(j.verdict)
      ? claimed
      : null;
  const workItem = workClaim
    ? { item: ref(workClaim), score: null as number | null }
    : j.item && (j.verdict === 'duty' || j.verdict === 'assistance')
      ? { item: j.item, score: j.score }
      : null;
  if (workClaim) verdict = workClaim.kind === 'duty' ? 'duty' : 'assistance';

  if (!j.findings.length) {
    switch (verdict) {
      case 'negative_certificate':
        findings.push({
          rule: 'negative_certificate',
          outcome: 'refused',
          clause: clause('S-6.2'),
          item: j.item,
          score: j.score,
          document: j.item ? documentOf(j.item) : null,
          message: `该证明列入《${j.item!.catalogTitle}》（${j.item!.code}“${j.item!.name}”），不得要求村级组织出具`,
        });
        break;
      case 'positive_certificate':
        catalogued = true;
        findings.push({
          rule: 'catalogued',
          outcome: 'admissible',
          clause: clause('S-6.2'),
          item: j.item,
          score: j.score,
          document: j.item ? documentOf(j.item) : null,
          message: `该证明属于村级组织出具证明事项目录（${j.item!.code}“${j.item!.name}”），按目录准入`,
        });
        break;
      case 'statutory_mechanism':
        catalogued = true;
        findings.push({
          rule: 'statutory_mechanism',
          outcome: 'admissible',
          clause: clause('S-6.3'),
          item: j.item,
          score: null,
          document: j.item ? documentOf(j.item) : null,
          message: `${j.explanation}，属村级组织自身依法设立的组织，按目录准入，无须另行提供人员和经费`,
        });
        break;
      case 'mechanism': {
        const what = j.mechanism.words.length
          ? `工作机制或专人专岗（“${[...j.mechanism.words, ...(content.dedicatedPost ? ['专人专岗'] : [])].join('、')}”）`
          : content.dedicatedPost
            ? '专人专岗'
            : '工作机制';
        if (statutory.length === 0) {
          const m = measure(view, 'mechanism_no_basis');
          findings.push({
            rule: 'mechanism_no_statutory_basis',
            outcome: 'refused',
            clause: clause('S-6.3'),
            ...cited(m),
            message: `要求村级设立${what}，但没有党中央、国务院明确要求或法律法规规定的依据${basisText ? `（所附依据“${basisText}”不属于此类）` : ''}，不予准入${citing(m)}`,
          });
        } else if (!content.funding.provided || !content.staffing.provided) {
          const missing: Missing[] = [];
          if (!content.funding.provided) missing.push('funding');
          if (!content.staffing.provided) missing.push('staffing');
          const m = measure(view, 'mechanism_unfunded');
          findings.push({
            rule: 'mechanism_unfunded',
            outcome: 'returned',
            clause: clause('S-6.3'),
            ...cited(m),
            missing,
            message: `设立${what}须由设立方提供人员和经费，不得转嫁给村级组织。请补充：${joinLabels(missing)}${citing(m)}`,
          });
        } else outOfCatalog = true;
        break;
      }
      case 'allowed_sign':
        catalogued = true;
        findings.push({
          rule: 'sign_allowed',
          outcome: 'admissible',
          clause: clause('S-6.1'),
          item: j.item,
          score: j.score,
          message: j.explanation,
        });
        break;
      case 'inside_sign': {
        const s = j.sign!;
        if (s.position === 'outside') {
          findings.push({
            rule: 'sign_placement',
            outcome: 'returned',
            clause: clause('S-6.1'),
            item: null,
            score: null,
            missing: ['placement'],
            message: `${j.explanation}。请补充：${MISSING_LABELS.placement}`,
          });
        } else if (s.position === 'functional_area' && !s.short) {
          findings.push({
            rule: 'sign_not_short',
            outcome: 'returned',
            clause: clause('S-6.1'),
            item: null,
            score: null,
            missing: ['shorter_name'],
            message: `${j.explanation}。请补充：${MISSING_LABELS.shorter_name}`,
          });
        } else {
          catalogued = true;
          findings.push({
            rule: 'sign_allowed',
            outcome: 'admissible',
            clause: clause('S-6.1'),
            item: null,
            score: null,
            message: j.explanation,
          });
        }
        break;
      }
      case 'sign_not_allowed': {
        const m = measure(view, 'sign_not_allowed');
        findings.push({
          rule: 'sign_not_allowed',
          outcome: 'refused',
          clause: clause('S-6.1'),
          ...cited(m),
          message: `${j.explanation}：部门不得以挂牌子安排村级组织工作，内容确需公开的并入村服务功能综合指引牌${citing(m)}`,
        });
        break;
      }
      case 'duty':
        catalogued = true;
        findings.push({
          rule: 'catalogued',
          outcome: 'admissible',
          clause: clause('S-6.4'),
          item: workItem!.item,
          score: workItem!.score,
          document: documentOf(workItem!.item),
          message: `属于履行职责事项（${workItem!.item.code}“${workItem!.item.name}”），按目录准入${workClaim ? '（部门申报的目录事项）' : ''}`,
        });
        break;
      case 'assistance':
        catalogued = true;
        findings.push({
          rule: 'catalogued',
          outcome: 'admissible',
          clause: clause('S-6.4'),
          item: workItem!.item,
          score: workItem!.score,
          document: documentOf(workItem!.item),
          message: `属于协助政务服务事项（${workItem!.item.code}“${workItem!.item.name}”），村级组织只承担协助工作${workClaim ? '（部门申报的目录事项）' : ''}`,
        });
        if (!content.funding.provided)
          findings.push({
            rule: 'assistance_unfunded',
            outcome: 'returned',
            clause: clause('S-6.4'),
            item: workItem!.item,
            score: null,
            missing: ['funding'],
            message: `协助事项须落实“费随事转”：请补充：${MISSING_LABELS.funding}`,
          });
        break;
      case 'not_in_catalog':
      case 'unverifiable':
        if (content.kind === 'certificate' && statutory.length === 0)
          findings.push({
            rule: 'certificate_no_basis',
            outcome: 'refused',
            clause: clause('S-6.2'),
            item: null,
            score: null,
            message: '该证明不在村级组织出具证明事项目录内，且未提供法律、法规或国务院决定依据，不得要求村级组织出具',
          });
        else outOfCatalog = true;
        break;
      default:
        outOfCatalog = true;
    }
  }

  const refused = findings.some((f) => f.outcome === 'refused');
  if (content.basis.length === 0 && !refused) {
    findings.push({
      rule: 'no_basis',
      outcome: 'returned',
      clause: clause('BASIS'),
      item: null,
      score: null,
      missing: ['basis'],
      message: `未写明法律或政策依据。请补充：${MISSING_LABELS.basis}（如《中华人民共和国村民委员会组织法》第五条）`,
    });
  }

  let needsGovernment = false;
  if (outOfCatalog && !refused) {
    const kinds: CatalogKind[] =
      verdict === 'mechanism'
        ? ['mechanism']
        : content.kind === 'certificate'
          ? ['certificate', 'negative_certificate']
          : ['duty', 'assistance'];
    const incomplete = kinds.filter((k) => view.completeness(k) !== 'complete');
    if (incomplete.length) {
      findings.push({
        rule: 'unverified',
        outcome: 'unverified',
        clause: clause('S-7.3'),
        item: null,
        score: null,
        message: `待核实（目录未完整）：${j.explanation.replace(/：待核实（目录未完整）$/, '')}。区民政局导入正式目录后按目录判定，核实前不作“目录外事项”处理`,
      });
    } else {
      needsGovernment = true;
      findings.push({
        rule: 'out_of_catalog',
        outcome: 'needs_government',
        clause: clause('S-7.3'),
        item: null,
        score: null,
        message:
          '该事项不在适用地区当日有效的目录内：不得以行政命令交由村级组织承担（S-7.2），确需村级组织协助的，须报区政府审批（S-7.3）',
      });
    }
  }

  const outcome = findings.reduce<PrecheckOutcome>(
    (w, f) => (OUTCOME_SEVERITY[f.outcome] > OUTCOME_SEVERITY[w] ? f.outcome : w),
    'admissible',
  );
  return {
    outcome,
    catalogued,
    needsGovernment,
    findings,
    catalogVersionId: view.versionId,
    checkedOn: view.date,
    verdict,
    completeness: j.completeness,
  };
}
