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
import {
  boardOf,
  judge,
  type BoardRule,
  type CatalogView,
  type Judgement,
  type SignGuide as ViewSignGuide,
} from '../catalogs/judge.js';
import type {
  CatalogHit,
  Category,
  MechanismFields,
  RowInput,
  SignFields,
  SignGuide,
  Verdict,
  WorkAffairFields,
} from './campaigns.model.js';
import { CATALOG_HIT_LABELS, GUIDE_BOARD, SERVICE_ORG_BOARD, type SuggestedVerdict } from './campaigns.model.js';

export { boardOf };
export type { BoardRule, SuggestedVerdict };

export type CertificateVerdict = 'positive' | 'negative' | 'unlisted';

export interface CatalogHitItem {
  code: string;
  name: string;
  kind: string;
  score: number;
  basis: string | null;
}

/** What the ledger judges against for one village on one date. */
export interface CatalogLookup {
  /** The catalog version the answers come from (stored on every judged row). */
  versionId: string;
  /** The village's effective catalogs (public view) with the district's sign guide. */
  view: CatalogView;
  /** Up to 5 candidates of the given kinds, best first, whatever their score (for type-ahead). */
  search(text: string, kinds: readonly string[]): Promise<CatalogHitItem[]>;
}

export const FLAGS = {
  sign_not_allowed: '不在允许悬挂的牌子清单内',
  sign_placement: '悬挂位置不符合指引',
  sign_over_limit: '牌子数量超过上限',
  sign_not_short: '功能区入口标识过长',
  sign_duplicate_guide: '综合指引牌重复',
  statutory: '有法定依据的保留机制',
  no_basis: '无中央或法律法规依据',
  dedicated_post: '要求专人专岗',
  burden_shifted: '人员或经费转嫁村级组织',
  no_funding: '无经费保障',
  no_effect: '未发挥实际作用',
  not_accepted: '村民不认可',
  prohibited: '属于减负措施禁止事项',
  out_of_catalog: '目录外事项',
  assistance_unfunded: '协助事项无经费保障',
  forms_required: '需要填报表格',
  certificate_negative: '在不应出具证明清单内',
  certificate_unlisted: '不在证明事项清单内',
  catalog_incomplete: '目录未完整，待核实',
} as const;
export type Flag = keyof typeof FLAGS;

export interface Suggestion {
  verdict: SuggestedVerdict;
  clause: string;
  reason: string;
  itemCode: string | null;
  itemName: string | null;
  /** sign: allowed|inside|other|functional_area; mechanism: statutory|central|law|…; work affair: duty|assistance|none|prohibited|unverified; certificate: positive|negative|unlisted. */
  matchKind: string | null;
  flags: Flag[];
  catalogVersion: string | null;
}

/** The prohibitions that fired, for a reason: 《目录》编码“名称”（触发词“…”）. */
function prohibitedReason(j: Judgement): string {
  return j.findings
    .map(
      (f) =>
        `《${f.item.catalogTitle}》${f.item.code}“${f.item.name}”（触发词“${[
          ...new Set(f.triggers.flatMap((t) => t.words)),
        ].join('、')}”）`,
    )
    .join('；');
}

function prohibited(j: Judgement, extra: Flag[], versionId: string): Suggestion {
  return {
    verdict: 'cancel',
    clause: 'S-7.2、S-9',
    reason: `属于减负措施禁止事项：${prohibitedReason(j)}`,
    itemCode: j.findings[0].item.code,
    itemName: j.findings[0].item.name,
    matchKind: 'prohibited',
    flags: ['prohibited', ...extra],
    catalogVersion: versionId,
  };
}

// ------------------------------------------------------------------ signs (S-6.1)

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export interface SignRow {
  id: string;
  seq: number;
  input: RowInput;
}

const SHORT_SIGN = 12;

/**
 * Judges every sign of one village together: placement per board, then the count limit (村6社5 by
 * default) over boards hung outside and inside. Boards beyond the limit are suggested for merging into
 * the combined guide sign, statutory boards last. `guide` is the district's (the view's) sign guide.
 */
export function suggestSigns(
  rows: SignRow[],
  view: CatalogView | null,
  villageKind: 'village' | 'community',
  guide: SignGuide | ViewSignGuide = view!.signGuide,
): Map<string, Suggestion> {
  const out = new Map<string, Suggestion>();
  const versionId = view?.versionId ?? null;
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const hasGuideItems = view?.items.some((i) => i.kind === 'sign_guide') ?? false;
  const fromGuideCatalog = (name: string) => {
    if (!view || !hasGuideItems) return null;
    const r = view.match(name, ['sign_guide']);
    return r.best ? { code: r.best.code, name: r.best.name } : null;
  };
  let guideSeen = false;
  const counted: { id: string; rank: number; seq: number }[] = [];
  for (const r of sorted) {
    const { name, basis } = r.input;
    const position = (r.input.fields as SignFields).position;
    const allowed = boardOf(name, guide.allowedBoards);
    const inside = boardOf(name, guide.insideBoards);
    const fromCatalog = fromGuideCatalog(name);
    const base = {
      itemCode: fromCatalog?.code ?? null,
      itemName: fromCatalog?.name ?? null,
      catalogVersion: versionId,
    };
    let s: Suggestion;
    if (position === 'functional_area') {
      s =
        fold(name).length > SHORT_SIGN
          ? {
              ...base,
              verdict: 'rectify',
              clause: 'S-6.1',
              reason: `功能区入口只设简短标识（${SHORT_SIGN} 字以内），请精简为功能区名称`,
              matchKind: 'functional_area',
              flags: ['sign_not_short'],
            }
          : {
              ...base,
              verdict: 'keep',
              clause: 'S-6.1',
              reason: '功能区入口的简短标识，符合指引',
              matchKind: 'functional_area',
              flags: [],
            };
    } else if (allowed || fromCatalog) {
      const label = allowed?.name ?? fromCatalog!.name;
      s = {
        ...base,
        verdict: 'keep',
        clause: 'S-6.1',
        reason: `属于允许悬挂的牌子“${label}”${fromCatalog ? '（标识牌指引目录）' : '（区民政局配置的允许清单）'}`,
        matchKind: 'allowed',
        flags: [],
      };
      counted.push({ id: r.id, rank: 0, seq: r.seq });
    } else if (inside) {
      if (position === 'outside') {
        s = {
          ...base,
          verdict: 'rectify',
          clause: 'S-6.1',
          reason: `“${inside.name}”应悬挂在村综合服务设施内的醒目位置，不在室外另挂`,
          matchKind: 'inside',
          flags: ['sign_placement'],
        };
        counted.push({ id: r.id, rank: 1, seq: r.seq });
      } else if (inside.name === GUIDE_BOARD && guideSeen) {
        s = {
          ...base,
          verdict: 'merge',
          clause: 'S-6.1',
          reason: '服务站只设一块服务功能综合指引牌，请与已有指引牌合并',
          matchKind: 'inside',
          flags: ['sign_duplicate_guide'],
        };
      } else {
        if (inside.name === GUIDE_BOARD) guideSeen = true;
        s = {
          ...base,
          verdict: 'keep',
          clause: 'S-6.1',
          reason:
            inside.name === SERVICE_ORG_BOARD
              ? '综合服务组织标识悬挂在室内醒目位置，符合指引'
              : '服务站设一块服务功能综合指引牌，符合指引',
          matchKind: 'inside',
          flags: [],
        };
        counted.push({ id: r.id, rank: inside.name === SERVICE_ORG_BOARD ? 1 : 2, seq: r.seq });
      }
    } else if (position === 'inside') {
      s = {
        ...base,
        verdict: 'merge',
        clause: 'S-6.1',
        reason: `不在允许清单内，请将内容并入“${GUIDE_BOARD}”，不再单独挂牌`,
        matchKind: 'other',
        flags: ['sign_not_allowed'],
      };
    } else if (basis.trim()) {
      s = {
        ...base,
        verdict: 'merge',
        clause: 'S-6.1',
        reason: `不在允许在室外悬挂的牌子清单内；有依据（${basis.trim()}）的，并入室内“${GUIDE_BOARD}”`,
        matchKind: 'other',
        flags: ['sign_not_allowed'],
      };
    } else {
      s = {
        ...base,
        verdict: 'cancel',
        clause: 'S-6.1、S-9',
        reason: '不在允许悬挂的牌子清单内，且无依据，建议摘除',
        matchKind: 'other',
        flags: ['sign_not_allowed'],
      };
    }
    out.set(r.id, s);
  }
  const max = villageKind === 'community' ? guide.maxCommunity : guide.maxVillage;
  if (counted.length > max) {
    const order = [...counted].sort((a, b) => a.rank - b.rank || a.seq - b.seq);
    for (const extra of order.slice(max)) {
      const s = out.get(extra.id)!;
      out.set(extra.id, {
        ...s,
        verdict: 'merge',
        clause: 'S-6.1',
        reason: `本${villageKind === 'community' ? '社区' : '村'}共 ${counted.length} 块牌子，超过上限 ${max} 块（“村${guide.maxVillage}社${guide.maxCommunity}”，可配置），请并入“${GUIDE_BOARD}”`,
        flags: [...s.flags, 'sign_over_limit'],
      });
    }
  }
  return out;
}

/** The callers' form (kept for the current wiring): the district guide, the village kind and the lookup. */
export async function judgeSigns(
  rows: SignRow[],
  guide: SignGuide,
  villageKind: 'village' | 'community',
  _versionId: string | null,
  lookup?: CatalogLookup | null,
): Promise<Map<string, Suggestion>> {
  return suggestSigns(rows, lookup?.view ?? null, villageKind, guide);
}

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
