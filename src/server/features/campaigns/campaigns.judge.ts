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
import { AppError, msg } from '../../core/errors.js';
import type { Keyed } from '../../../shared/i18n.js';
import type { SuggestedVerdict, Verdict } from '../../../shared/campaigns.js';
import { judge, type CatalogView } from '../catalogs/judge.js';
import type { CatalogHit, Category, MechanismFields, RowInput, WorkAffairFields } from './campaigns.model.js';
import {
  because,
  fold,
  prohibited,
  type CatalogLookup,
  type CertificateVerdict,
  type Flag,
  type Suggestion,
} from './judge.types.js';

export { boardOf, type BoardRule } from '../catalogs/judge.js';
export * from './judge.types.js';
export { judgeSigns, suggestSigns, type SignRow } from './judge.signs.js';

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
  const tests = failing.map((x) => ({ key: `campaigns.flag.${x}` }) as Keyed);
  if (organ) {
    if (failing.length && failing.some((x) => x !== 'no_funding'))
      return {
        ...base,
        verdict: 'rectify',
        clause: 'S-9',
        reason: because('statutoryFailing', { item: organ.name, tests }),
        matchKind: 'statutory',
        flags: ['statutory', ...failing],
      };
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.3',
      reason: organ.basis
        ? because('statutoryBasis', { item: organ.name, basis: organ.basis })
        : because('statutory', { item: organ.name }),
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
        reason: because('mechanismShifted', { level: because(`level.${level}`) }),
        matchKind: level,
        flags: [...flags, 'burden_shifted', ...failing],
      };
    if (failing.length)
      return {
        ...base,
        verdict: 'rectify',
        clause: 'S-9',
        reason: because('mechanismFailing', { level: because(`level.${level}`), tests }),
        matchKind: level,
        flags: [...flags, ...failing],
      };
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.3',
      reason: because('mechanismKeep', { level: because(`level.${level}`) }),
      matchKind: level,
      flags,
    };
  }
  const why = because(level === 'none' ? 'why.none' : 'why.local');
  if (failing.length)
    return {
      ...base,
      verdict: 'cancel',
      clause: 'S-9、S-6.3',
      reason: because('mechanismCancel', { why, tests }),
      matchKind: level,
      flags: [...flags, 'no_basis', ...failing],
    };
  return {
    ...base,
    verdict: 'merge',
    clause: 'S-6.3',
    reason: because(f.dedicatedPost ? 'mechanismMergePost' : 'mechanismMerge', { why }),
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
  const how = item
    ? because('how.item', { item: item.name })
    : f.catalogHit
      ? because('how.confirmed', { hit: { key: `campaigns.catalogHit.${hit}` } })
      : because('how.none');
  if (hit === 'duty')
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.4',
      reason: because('duty', { how }),
      flags: extra,
    };
  if (hit === 'assistance') {
    if (!f.funding.trim())
      return {
        ...base,
        verdict: 'rectify',
        clause: 'S-6.4',
        reason: because('assistanceUnfunded', { how }),
        flags: ['assistance_unfunded', ...extra],
      };
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.4',
      reason: because('assistance', { how, funding: f.funding.trim() }),
      flags: extra,
    };
  }
  if (f.approvalRef.trim())
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-7.3',
      reason: because('approvedTask', { approvalRef: f.approvalRef.trim() }),
      flags: ['out_of_catalog', ...extra],
    };
  const incomplete = view.completeness('duty') !== 'complete' || view.completeness('assistance') !== 'complete';
  if (incomplete)
    return {
      ...base,
      matchKind: 'unverified',
      verdict: 'verify',
      clause: 'S-6.4、S-7.3',
      reason: because('verifyWorkAffair', {
        duty: because(`completeness.${view.completeness('duty')}`),
        assistance: because(`completeness.${view.completeness('assistance')}`),
      }),
      flags: ['catalog_incomplete', ...extra],
    };
  return {
    ...base,
    verdict: 'cancel',
    clause: 'S-7.2、S-7.3',
    reason: because('outsideCatalog'),
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
      reason: because('certificatePositive', { item: item?.name ?? input.name }),
      flags: [],
    };
  if (j.verdict === 'negative_certificate') {
    const alternative = item?.alternativeChannel ?? item?.guidance ?? null;
    return {
      ...base,
      verdict: 'cancel',
      clause: 'S-6.2',
      reason: alternative
        ? because('certificateNegativeAlternative', { item: item?.name ?? input.name, alternative })
        : because('certificateNegative', { item: item?.name ?? input.name }),
      flags: ['certificate_negative'],
    };
  }
  if (input.basis.trim())
    return {
      ...base,
      verdict: 'rectify',
      clause: 'S-6.2',
      reason: because('certificateUnlistedBasis', { basis: input.basis.trim() }),
      flags: ['certificate_unlisted'],
    };
  if (j.verdict === 'unverifiable')
    return {
      ...base,
      verdict: 'verify',
      clause: 'S-6.2',
      reason: because('verifyCertificate'),
      flags: ['certificate_unlisted', 'catalog_incomplete'],
    };
  return {
    ...base,
    verdict: 'cancel',
    clause: 'S-6.2',
    reason: because('certificateUnlisted'),
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
    throw new AppError('validation_failed', msg('campaigns.error.verifyNotAcceptable'));
  return suggested as Verdict;
}
