/**
 * Suggested verdicts: pure rules over a row's facts and the catalog's answers. Each suggestion cites
 * the seed-plan clause (S-…), its reason by key (`campaigns.reason.*`) and, where one applies, the
 * catalog item behind it. Signs are judged per village (judge.signs.ts); the catalog is reached only
 * through the `CatalogLookup` port (judge.types.ts).
 */
import type { Keyed } from '../../../shared/i18n.js';
import type { CatalogHit, Category, MechanismFields, RowInput, WorkAffairFields } from './campaigns.model.js';
import { because, fold, type CatalogLookup, type Flag, type Suggestion } from './judge.types.js';

export * from './judge.types.js';
export { boardOf, judgeSigns, type SignRow } from './judge.signs.js';

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

export async function judgeMechanism(input: RowInput, lookup: CatalogLookup): Promise<Suggestion> {
  const f = input.fields as MechanismFields;
  const hit = await lookup.match(input.name, ['mechanism']);
  const base = { itemCode: hit?.code ?? null, itemName: hit?.name ?? null, catalogVersion: lookup.versionId };
  const failing: Flag[] = [];
  if (f.fundedBy === 'none') failing.push('no_funding');
  if (!f.effective) failing.push('no_effect');
  if (!f.villagersAccept) failing.push('not_accepted');
  const tests = failing.map((x) => ({ key: `campaigns.flag.${x}` }) as Keyed);
  if (hit) {
    if (failing.length && failing.some((x) => x !== 'no_funding'))
      return {
        ...base,
        verdict: 'rectify',
        clause: 'S-9',
        reason: because('statutoryFailing', { item: hit.name, tests }),
        matchKind: 'statutory',
        flags: ['statutory', ...failing],
      };
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.3',
      reason: hit.basis
        ? because('statutoryBasis', { item: hit.name, basis: hit.basis })
        : because('statutory', { item: hit.name }),
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

export async function judgeWorkAffair(input: RowInput, lookup: CatalogLookup): Promise<Suggestion> {
  const f = input.fields as WorkAffairFields;
  const v = lookup.versionId;
  const extra: Flag[] = f.formsRequired > 0 ? ['forms_required'] : [];
  const banned = await lookup.match(input.name, ['prohibition']);
  if (banned)
    return {
      verdict: 'cancel',
      clause: 'S-7.2、S-9',
      reason: because('prohibited', { item: banned.name }),
      itemCode: banned.code,
      itemName: banned.name,
      matchKind: 'prohibited',
      flags: ['prohibited', ...extra],
      catalogVersion: v,
    };
  const hitItem = await lookup.match(input.name, ['duty', 'assistance']);
  const matched: CatalogHit = hitItem ? (hitItem.kind === 'duty' ? 'duty' : 'assistance') : 'none';
  const hit: CatalogHit = f.catalogHit ?? matched;
  const item = hitItem && (f.catalogHit === null || f.catalogHit === matched) ? hitItem : null;
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
  return {
    ...base,
    verdict: 'cancel',
    clause: 'S-7.2、S-7.3',
    reason: because('outsideCatalog'),
    flags: ['out_of_catalog', ...extra],
  };
}

// ------------------------------------------------------------------ certificates (S-6.2)

export async function judgeCertificate(input: RowInput, lookup: CatalogLookup): Promise<Suggestion> {
  const check = await lookup.certificate(input.name);
  const base = {
    itemCode: check.item?.code ?? null,
    itemName: check.item?.name ?? null,
    catalogVersion: check.catalogVersion ?? lookup.versionId,
    matchKind: check.verdict,
  };
  if (check.verdict === 'positive')
    return {
      ...base,
      verdict: 'keep',
      clause: 'S-6.2',
      reason: because('certificatePositive', { item: check.item?.name ?? input.name }),
      flags: [],
    };
  if (check.verdict === 'negative')
    return {
      ...base,
      verdict: 'cancel',
      clause: 'S-6.2',
      reason: check.alternative
        ? because('certificateNegativeAlternative', {
            item: check.item?.name ?? input.name,
            alternative: check.alternative,
          })
        : because('certificateNegative', { item: check.item?.name ?? input.name }),
      flags: ['certificate_negative'],
    };
  if (input.basis.trim())
    return {
      ...base,
      verdict: 'rectify',
      clause: 'S-6.2',
      reason: because('certificateUnlistedBasis', { basis: input.basis.trim() }),
      flags: ['certificate_unlisted'],
    };
  return {
    ...base,
    verdict: 'cancel',
    clause: 'S-6.2',
    reason: because('certificateUnlisted'),
    flags: ['certificate_unlisted'],
  };
}

/** Judges one non-sign row (signs are judged per village by judgeSigns). */
export function judgeRow(input: RowInput, lookup: CatalogLookup): Promise<Suggestion> {
  const judges: Record<Exclude<Category, 'sign'>, (i: RowInput, l: CatalogLookup) => Promise<Suggestion>> = {
    mechanism: judgeMechanism,
    work_affair: judgeWorkAffair,
    certificate: judgeCertificate,
  };
  if (input.category === 'sign') throw new Error('signs are judged per village (judgeSigns)');
  return judges[input.category](input, lookup);
}
