/**
 * Suggested verdicts for a village's boards (S-6.1), judged together against the district's sign guide:
 * placement per board, then the count limit (村6社5 by default). Pure.
 */
import { boardOf, type CatalogView, type SignGuide as ViewSignGuide } from '../catalogs/judge.js';
import type { RowInput, SignFields, SignGuide } from './campaigns.model.js';
import { GUIDE_BOARD, SERVICE_ORG_BOARD } from './campaigns.model.js';
import type { CatalogLookup, Suggestion } from './campaigns.suggestion.js';

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
