/**
 * What a ledger suggestion is: its verdict, clause, reason, item and flags (FLAGS), and what the ledger
 * judges against (CatalogLookup). Shared by campaigns.judge.ts and campaigns.signs.ts.
 */
import type { CatalogView, Judgement } from '../catalogs/judge.js';
import type { SuggestedVerdict } from './campaigns.model.js';

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

export function prohibited(j: Judgement, extra: Flag[], versionId: string): Suggestion {
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
