/**
 * The automatic pre-check (预审) of an admission request. Takes the request content and a catalog
 * judge (effective catalogs of a region on the date, with the one matcher) and returns findings, each
 * with the clause and the catalog item that justify it. No database or clock of its own.
 *
 * Rules, in the order they are applied (the worst outcome wins: refused > returned > needs_government > admissible):
 * - a burden-reduction prohibition (减负措施 不得事项) matches the task → refused (the item is the clause);
 * - a certificate on the negative list → refused (S-6.2); an unlisted certificate without a statutory
 *   basis → refused (S-6.2); a positive-list certificate → admissible as catalogued;
 * - a mechanism or dedicated post without a central or statutory basis → refused (S-6.3); with one, but
 *   without the requesting body's money and people → returned (S-6.3);
 * - a duty item → admissible as catalogued; an assistance item without funding → returned (S-6.4 费随事转);
 * - no basis at all → returned (the form asks why);
 * - nothing in the effective catalogs → needs the district government's approval (S-7.2, S-7.3).
 */
import type { CatalogJudge, CatalogKind, JudgedItem } from './catalog.gateway.js';
import { STATUTORY_LEVELS, type PrecheckOutcome, type RequestContent } from './admission.schemas.js';

export const CLAUSES = {
  'S-6.2':
    '村级组织依法依规出具证明；任何部门不得要求村级组织出具没有法律法规或国务院决定依据、或不属于村级组织职责范围的证明。',
  'S-6.3':
    '村级组织能够承担的工作，不得要求设立专门机构、配备专人专岗；只有党中央、国务院明确要求或法律法规有规定的方可设立，且由设立方提供人员和经费，不得转嫁给村级组织。',
  'S-6.4':
    '履行职责事项由村级组织承担、部门给予指导；协助政务服务事项村级组织只承担协助工作，部门须落实“费随事转、权随责走”。',
  'S-7.2': '未列入目录的事项，不得以行政命令方式交由村级组织承担。',
  'S-7.3': '目录之外确需村级组织协助的专项工作，由部门报区政府按程序审批。',
  BASIS: '申请准入须写明法律或政策依据（文件及条款）。',
} as const;
export type ClauseId = keyof typeof CLAUSES;

export interface ItemRef {
  code: string;
  name: string;
  kind: string;
  catalogId: string;
  catalogTitle: string;
  basis: string | null;
}

export interface Finding {
  rule: string;
  outcome: PrecheckOutcome;
  clause: { id: string; text: string };
  item: ItemRef | null;
  score: number | null;
  message: string;
}

export interface PrecheckResult {
  outcome: PrecheckOutcome;
  /** The request matches an item of the effective catalogs (admissible as catalogued). */
  catalogued: boolean;
  /** Out of catalog: the district government must approve (S-7.3). */
  needsGovernment: boolean;
  findings: Finding[];
  catalogVersionId: string;
  checkedOn: string;
}

const SEVERITY: Record<PrecheckOutcome, number> = { admissible: 0, needs_government: 1, returned: 2, refused: 3 };

const ref = (it: JudgedItem): ItemRef => ({
  code: it.code,
  name: it.name,
  kind: it.kind,
  catalogId: it.catalogId,
  catalogTitle: it.catalogTitle,
  basis: it.basis,
});
const clause = (id: ClauseId) => ({ id, text: CLAUSES[id] });

/** Best accepted candidate of the given kinds, with its item. */
async function best(judge: CatalogJudge, text: string, kinds: readonly CatalogKind[]) {
  const r = await judge.match(text, kinds);
  if (!r.best) return null;
  const item = judge.item(r.best.code);
  return item ? { item, score: r.best.score, reason: r.best.reason } : null;
}

export async function precheck(content: RequestContent, judge: CatalogJudge): Promise<PrecheckResult> {
  const findings: Finding[] = [];
  const text = content.title;
  const statutory = content.basis.filter((b) => STATUTORY_LEVELS.includes(b.level));
  const basisText = content.basis.map((b) => `${b.document}${b.article ? ` ${b.article}` : ''}`).join('；');
  let catalogued = false;

  // 1. Burden-reduction prohibitions (减负措施): refused whatever the kind.
  const prohibited = await best(judge, text, ['prohibition']);
  if (prohibited) {
    findings.push({
      rule: 'prohibition',
      outcome: 'refused',
      clause: { id: prohibited.item.code, text: prohibited.item.name },
      item: ref(prohibited.item),
      score: prohibited.score,
      message: `该事项属于减负措施明确不得交由村级组织承担的事项（${prohibited.item.code}“${prohibited.item.name}”）：${prohibited.reason}`,
    });
  }

  const claimed = content.catalogItemCode ? judge.item(content.catalogItemCode) : null;
  if (content.catalogItemCode && !claimed) {
    findings.push({
      rule: 'claimed_item_missing',
      outcome: 'admissible',
      clause: clause('S-7.2'),
      item: null,
      score: null,
      message: `申报的目录事项编码 ${content.catalogItemCode} 不在适用地区当日有效的目录中，已按名称重新比对`,
    });
  }
  const claimedIf = (kinds: readonly CatalogKind[]) =>
    claimed && !claimed.catchAll && kinds.includes(claimed.kind)
      ? { item: claimed, score: null as number | null, reason: '部门申报的目录事项' }
      : null;

  if (content.kind === 'certificate') {
    // 2. Certificates: the village may issue only what the positive list (or law) allows.
    const kinds: CatalogKind[] = ['certificate', 'negative_certificate'];
    const hit = claimedIf(kinds) ?? (await best(judge, text, kinds));
    if (hit?.item.kind === 'negative_certificate') {
      findings.push({
        rule: 'negative_certificate',
        outcome: 'refused',
        clause: clause('S-6.2'),
        item: ref(hit.item),
        score: hit.score,
        message: `该证明列入《${hit.item.catalogTitle}》（${hit.item.code}“${hit.item.name}”），不得要求村级组织出具`,
      });
    } else if (hit?.item.kind === 'certificate') {
      catalogued = true;
      findings.push({
        rule: 'catalogued',
        outcome: 'admissible',
        clause: clause('S-6.2'),
        item: ref(hit.item),
        score: hit.score,
        message: `该证明属于村级组织出具证明事项目录（${hit.item.code}“${hit.item.name}”），按目录准入`,
      });
    } else if (statutory.length === 0) {
      findings.push({
        rule: 'certificate_no_basis',
        outcome: 'refused',
        clause: clause('S-6.2'),
        item: null,
        score: null,
        message: '该证明不在村级组织出具证明事项目录内，且未提供法律、法规或国务院决定依据，不得要求村级组织出具',
      });
    }
  } else if (content.kind === 'mechanism' || content.dedicatedPost) {
    // 3. Mechanisms and dedicated posts (S-6.3).
    const what = content.dedicatedPost ? '专人专岗' : '工作机制';
    if (statutory.length === 0) {
      findings.push({
        rule: 'mechanism_no_statutory_basis',
        outcome: 'refused',
        clause: clause('S-6.3'),
        item: null,
        score: null,
        message: `要求村级设立${what}，但没有党中央、国务院明确要求或法律法规规定的依据${basisText ? `（所附依据“${basisText}”不属于此类）` : ''}，不予准入`,
      });
    } else {
      const hit =
        content.kind === 'mechanism' ? (claimedIf(['mechanism']) ?? (await best(judge, text, ['mechanism']))) : null;
      if (hit) {
        catalogued = true;
        findings.push({
          rule: 'catalogued',
          outcome: 'admissible',
          clause: clause('S-6.3'),
          item: ref(hit.item),
          score: hit.score,
          message: `该机制属于有法律或中央文件依据的村级组织（${hit.item.code}“${hit.item.name}”）`,
        });
      }
      if (!content.funding.provided || !content.staffing.provided) {
        findings.push({
          rule: 'mechanism_unfunded',
          outcome: 'returned',
          clause: clause('S-6.3'),
          item: hit ? ref(hit.item) : null,
          score: null,
          message: `设立${what}须由设立方提供${[!content.funding.provided && '经费', !content.staffing.provided && '人员'].filter(Boolean).join('和')}，不得转嫁给村级组织；请补充后重新提交`,
        });
      }
    }
  } else {
    // 4. Work affairs, forms, signs, special tasks: duties and assistance catalogs (and the signage guide).
    const kinds: CatalogKind[] =
      content.kind === 'sign' ? ['sign_guide', 'duty', 'assistance'] : ['duty', 'assistance'];
    const hit = claimedIf(kinds) ?? (await best(judge, text, kinds));
    if (hit) {
      catalogued = true;
      const isAssistance = hit.item.kind === 'assistance';
      findings.push({
        rule: 'catalogued',
        outcome: 'admissible',
        clause: clause('S-6.4'),
        item: ref(hit.item),
        score: hit.score,
        message: isAssistance
          ? `属于协助政务服务事项（${hit.item.code}“${hit.item.name}”），村级组织只承担协助工作`
          : `属于目录事项（${hit.item.code}“${hit.item.name}”），按目录准入`,
      });
      if (isAssistance && !content.funding.provided) {
        findings.push({
          rule: 'assistance_unfunded',
          outcome: 'returned',
          clause: clause('S-6.4'),
          item: ref(hit.item),
          score: null,
          message: '协助事项须落实“费随事转”：请写明工作经费的数额和来源后重新提交',
        });
      }
    }
  }

  if (content.basis.length === 0 && !findings.some((f) => f.outcome === 'refused')) {
    findings.push({
      rule: 'no_basis',
      outcome: 'returned',
      clause: clause('BASIS'),
      item: null,
      score: null,
      message: '未写明法律或政策依据，请补充依据文件及条款后重新提交',
    });
  }

  const needsGovernment = !catalogued && !findings.some((f) => f.outcome === 'refused');
  if (needsGovernment) {
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

  const outcome = findings.reduce<PrecheckOutcome>(
    (w, f) => (SEVERITY[f.outcome] > SEVERITY[w] ? f.outcome : w),
    'admissible',
  );
  return { outcome, catalogued, needsGovernment, findings, catalogVersionId: judge.versionId, checkedOn: judge.date };
}
