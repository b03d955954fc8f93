/**
 * Suggested verdicts: pure rules over a row's facts and the one judge's answer (catalogs/judge.ts) against
 * the village's effective catalogs (a CatalogView). Each suggestion cites the seed-plan clause (S-…) and,
 * where one applies, the catalog item behind it.
 *
 * Besides keep / cancel / merge / rectify a suggestion may be `verify` (待核实（目录未完整）): the answer would
 * rest on "not in the catalog" while the duty or assistance catalog (or the certificate lists) of the
 * village is partial or missing. It is a suggestion only — never a final verdict, never accepted in bulk.
 * Lawful duty or assistance work is never suggested `cancel`; a prohibited task is.
 */
import { AppError } from '../../core/errors.js';
import { judge, type CatalogView } from '../catalogs/judge.js';
import type { CatalogHit, Category, MechanismFields, RowInput, Verdict, WorkAffairFields } from './campaigns.model.js';
import { CATALOG_HIT_LABELS, type SuggestedVerdict } from './campaigns.model.js';
import {
  FLAGS,
  prohibited,
  type CatalogLookup,
  type CertificateVerdict,
  type Flag,
  type Suggestion,
} from './campaigns.suggestion.js';

export { boardOf, type BoardRule } from '../catalogs/judge.js';
export * from './campaigns.suggestion.js';
export { judgeSigns, suggestSigns, type SignRow } from './campaigns.signs.js';
export type { SuggestedVerdict };

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

// ------------------------------------------------------------------ mechanisms (S-6.3, S-9)

export type BasisLevel = 'law' | 'central' | 'province' | 'local' | 'none';

/** How strong a written basis is: a law or regulation, a central document, or less. */
export function basisLevel(basis: string): BasisLevel {
  const b = fold(basis);
  if (!b) return 'none';
  if (/《[^》]*(法|条例)》/.test(b) || /法律|行政法规/.test(b)) return 'law';
  if (/中办|国办|中发|国发|中共中央|国务院|党中央|厅字|中央/.test(b)) return 'central';
  if (/省|晋(办|政|发)/.test(b)) return 'province';
  return 'local';
}

export function suggestMechanism(input: RowInput, view: CatalogView): Suggestion {
  const f = input.fields as MechanismFields;
  const j = judge(view, { subject: 'mechanism', title: input.name, dedicatedPost: f.dedicatedPost });
  if (j.verdict === 'prohibited') return prohibited(j, f.dedicatedPost ? ['dedicated_post'] : [], view.versionId);
  const organ = j.verdict === 'statutory_mechanism' ? j.item : null;
  const base = { itemCode: organ?.code ?? null, itemName: organ?.name ?? null, catalogVersion: view.versionId };
  const failing: Flag[] = [];
  if (f.fundedBy === 'none') failing.push('no_funding');
  if (!f.effective) failing.push('no_effect');
  if (!f.villagersAccept) failing.push('not_accepted');
  const tests = failing.map((x) => FLAGS[x]).join('、');
  if (organ) {
    if (failing.length && failing.some((x) => x !== 'no_funding'))
      return {
        ...base,
        verdict: 'rectify',
        clause: 'S-9',
        reason: `属于有法定依据的保留机制“${organ.name}”，但${tests}，须整改使其发挥作用`,
        matchKind: 'statutory',
        flags: ['statutory', ...failing],
      };
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.3',
      reason: `属于有法定依据的保留机制“${organ.name}”${organ.basis ? `（${organ.basis}）` : ''}`,
      matchKind: 'statutory',
      flags: ['statutory'],
    };
  }
  const level = basisLevel(input.basis);
  const flags: Flag[] = f.dedicatedPost ? ['dedicated_post'] : [];
  if (level === 'law' || level === 'central') {
    const shifted = f.fundedBy !== 'imposer' || (f.dedicatedPost && f.staffBy !== 'imposer');
    if (shifted)
      return {
        ...base,
        verdict: 'rectify',
        clause: 'S-6.3',
        reason: `有${level === 'law' ? '法律法规' : '中央文件'}依据，可以保留，但须由设立单位提供人员和经费，不得转嫁给村级组织`,
        matchKind: level,
        flags: [...flags, 'burden_shifted', ...failing],
      };
    if (failing.length)
      return {
        ...base,
        verdict: 'rectify',
        clause: 'S-9',
        reason: `有${level === 'law' ? '法律法规' : '中央文件'}依据，但${tests}，须整改`,
        matchKind: level,
        flags: [...flags, ...failing],
      };
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.3',
      reason: `有${level === 'law' ? '法律法规' : '中央文件'}依据，由设立单位提供人员和经费`,
      matchKind: level,
      flags,
    };
  }
  const why = level === 'none' ? '没有依据' : '只有省级以下文件依据';
  if (failing.length)
    return {
      ...base,
      verdict: 'cancel',
      clause: 'S-9、S-6.3',
      reason: `${why}，且${tests}，属于应当取消的机制`,
      matchKind: level,
      flags: [...flags, 'no_basis', ...failing],
    };
  return {
    ...base,
    verdict: 'merge',
    clause: 'S-6.3',
    reason: `${why}（只有党中央、国务院明确要求或法律法规规定的才可设立）；村级组织能够承担的，并入村民委员会下属委员会等现有组织，不设专门机制${f.dedicatedPost ? '和专岗' : ''}`,
    matchKind: level,
    flags: [...flags, 'no_basis'],
  };
}

// ------------------------------------------------------------------ work affairs (S-6.4, S-7.2, S-7.3)

export function suggestWorkAffair(input: RowInput, view: CatalogView): Suggestion {
  const f = input.fields as WorkAffairFields;
  const v = view.versionId;
  const extra: Flag[] = f.formsRequired > 0 ? ['forms_required'] : [];
  // A ledger row is, by definition, work the village was given: the rules read it with the village as subject.
  const j = judge(view, {
    subject: 'work_affair',
    title: input.name,
    description: `由村级组织承担：${input.name}`,
    recognizeMechanisms: false,
  });
  if (j.verdict === 'prohibited') return prohibited(j, extra, v);
  const matched: CatalogHit = j.verdict === 'duty' ? 'duty' : j.verdict === 'assistance' ? 'assistance' : 'none';
  const hit: CatalogHit = f.catalogHit ?? matched;
  const item = j.item && matched !== 'none' && (f.catalogHit === null || f.catalogHit === matched) ? j.item : null;
  const base = { itemCode: item?.code ?? null, itemName: item?.name ?? null, catalogVersion: v, matchKind: hit };
  const how = item ? `“${item.name}”` : f.catalogHit ? `（经办人确认为${CATALOG_HIT_LABELS[hit]}）` : '';
  if (hit === 'duty')
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.4',
      reason: `属于履行职责事项${how}，由村级组织承担，部门给予指导`,
      flags: extra,
    };
  if (hit === 'assistance') {
    if (!f.funding.trim())
      return {
        ...base,
        verdict: 'rectify',
        clause: 'S-6.4',
        reason: `属于协助政务服务事项${how}，但没有经费保障：应“费随事转、权随责走”，由要求单位提供经费和工作条件`,
        flags: ['assistance_unfunded', ...extra],
      };
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.4',
      reason: `属于协助政务服务事项${how}，村级组织只做协助性工作，经费：${f.funding.trim()}`,
      flags: extra,
    };
  }
  if (f.approvalRef.trim())
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-7.3',
      reason: `目录外专项任务，已经区政府批准（${f.approvalRef.trim()}）`,
      flags: ['out_of_catalog', ...extra],
    };
  const incomplete = view.completeness('duty') !== 'complete' || view.completeness('assistance') !== 'complete';
  if (incomplete)
    return {
      ...base,
      matchKind: 'unverified',
      verdict: 'verify',
      clause: 'S-6.4、S-7.3',
      reason: `待核实（目录未完整）：本村适用的履行职责事项目录（${view.completeness('duty') === 'missing' ? '未导入' : '部分'}）和协助政务服务事项目录（${view.completeness('assistance') === 'missing' ? '未导入' : '部分'}）尚未完整，现有目录中没有对应事项，不能断定为目录外事项；区民政局导入正式目录后重新判断，核实前不建议取消`,
      flags: ['catalog_incomplete', ...extra],
    };
  return {
    ...base,
    verdict: 'cancel',
    clause: 'S-7.2、S-7.3',
    reason: '目录外事项，未经区政府批准，不得以行政命令要求村级组织承担；确需村级协助的，由部门报区政府审批',
    flags: ['out_of_catalog', ...extra],
  };
}

// ------------------------------------------------------------------ certificates (S-6.2)

export function suggestCertificate(input: RowInput, view: CatalogView): Suggestion {
  const j = judge(view, { subject: 'certificate', title: input.name });
  const item = j.item ? view.item(j.item.code) : null;
  const matchKind: CertificateVerdict =
    j.verdict === 'positive_certificate' ? 'positive' : j.verdict === 'negative_certificate' ? 'negative' : 'unlisted';
  const base = {
    itemCode: item?.code ?? null,
    itemName: item?.name ?? null,
    catalogVersion: view.versionId,
    matchKind,
  };
  if (j.verdict === 'positive_certificate')
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.2',
      reason: `在村级组织出具证明事项清单内：“${item?.name ?? input.name}”，依法及时出具`,
      flags: [],
    };
  if (j.verdict === 'negative_certificate') {
    const alternative = item?.alternativeChannel ?? item?.guidance ?? null;
    return {
      ...base,
      verdict: 'cancel',
      clause: 'S-6.2',
      reason: `在不应由村级组织出具的证明事项清单内：“${item?.name ?? input.name}”，不再出具${alternative ? `；办事群众可${alternative}` : ''}`,
      flags: ['certificate_negative'],
    };
  }
  if (input.basis.trim())
    return {
      ...base,
      verdict: 'rectify',
      clause: 'S-6.2',
      reason: `不在证明事项清单内；有依据（${input.basis.trim()}）的，须经集体研究并由村委会主任签字后出具，并报乡镇纳入清单调整`,
      flags: ['certificate_unlisted'],
    };
  if (j.verdict === 'unverifiable')
    return {
      ...base,
      verdict: 'verify',
      clause: 'S-6.2',
      reason: '待核实（目录未完整）：本村适用的证明事项清单尚未完整，现有清单中没有该证明；核实前不建议取消',
      flags: ['certificate_unlisted', 'catalog_incomplete'],
    };
  return {
    ...base,
    verdict: 'cancel',
    clause: 'S-6.2',
    reason: '不在证明事项清单内，又无法律法规依据，不应出具；确有依据的，请改判并写明依据',
    flags: ['certificate_unlisted'],
  };
}

/** Suggests a verdict for one non-sign row (signs are judged per village by suggestSigns). */
export function suggestRow(input: RowInput, view: CatalogView): Suggestion {
  const judges: Record<Exclude<Category, 'sign'>, (i: RowInput, v: CatalogView) => Suggestion> = {
    mechanism: suggestMechanism,
    work_affair: suggestWorkAffair,
    certificate: suggestCertificate,
  };
  if (input.category === 'sign') throw new Error('signs are judged per village (suggestSigns)');
  return judges[input.category](input, view);
}

/** The callers' form (kept for the current wiring). */
export async function judgeRow(input: RowInput, lookup: CatalogLookup): Promise<Suggestion> {
  return suggestRow(input, lookup.view);
}

/** Is a suggestion one a cadre may accept as it stands (verify is not a verdict)? */
export const acceptable = (v: SuggestedVerdict): v is Verdict => v !== 'verify';

/**
 * The verdict a cadre's decision starts from: the suggestion when accepted. 待核实（目录未完整） cannot be
 * accepted as it stands (the cadre overrides it with a verdict and a reason) and is never accepted in bulk.
 */
export function acceptedVerdict(suggested: SuggestedVerdict, action: 'accept' | 'override'): Verdict {
  if (action === 'accept' && !acceptable(suggested))
    throw new AppError(
      'validation_failed',
      '建议为“待核实（目录未完整）”，不能直接采纳：请核实后选择处理意见并写明理由',
    );
  return suggested as Verdict;
}
