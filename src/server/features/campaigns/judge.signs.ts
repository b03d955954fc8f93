/**
 * Suggested verdicts for a village's boards (S-6.1), judged together against the district's sign guide
 * (the same guide the admission gate uses, carried by the village's CatalogView): placement per board,
 * then the count limit (村6社5 by default), which spans the village. Pure.
 */
import { boardOf, type CatalogView, type SignGuide as ViewSignGuide } from '../catalogs/judge.js';
import type { RowInput, SignFields, SignGuide } from './campaigns.model.js';
import { GUIDE_BOARD, SERVICE_ORG_BOARD } from './campaigns.model.js';
import { because, fold, type CatalogLookup, type Suggestion } from './judge.types.js';

export interface SignRow {
  id: string;
  seq: number;
  input: RowInput;
}

const SHORT_SIGN = 12;

/**
 * Judges every sign of one village together: placement per board, then the count limit (村6社5 by
 * default) over boards hung outside and inside. Boards beyond the limit are suggested for merging into
 * the combined guide sign, statutory boards last.
 */
export function suggestSigns(
  rows: SignRow[],
  view: CatalogView | null,
  villageKind: 'village' | 'community',
  guide: SignGuide | ViewSignGuide = view!.signGuide,
): Map<string, Suggestion> {
  const out = new Map<string, Suggestion>();
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const versionId = view?.versionId ?? null;
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
              reason: because('signNotShort', { max: SHORT_SIGN }),
              matchKind: 'functional_area',
              flags: ['sign_not_short'],
            }
          : {
              ...base,
              verdict: 'keep',
              clause: 'S-6.1',
              reason: because('signShort'),
              matchKind: 'functional_area',
              flags: [],
            };
    } else if (allowed || fromCatalog) {
      const label = allowed?.name ?? fromCatalog!.name;
      s = {
        ...base,
        verdict: 'keep',
        clause: 'S-6.1',
        reason: because(fromCatalog ? 'signAllowedCatalog' : 'signAllowedList', { board: label }),
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
          reason: because('signInsideOnly', { board: inside.name }),
          matchKind: 'inside',
          flags: ['sign_placement'],
        };
        counted.push({ id: r.id, rank: 1, seq: r.seq });
      } else if (inside.name === GUIDE_BOARD && guideSeen) {
        s = {
          ...base,
          verdict: 'merge',
          clause: 'S-6.1',
          reason: because('signGuideDuplicate'),
          matchKind: 'inside',
          flags: ['sign_duplicate_guide'],
        };
      } else {
        if (inside.name === GUIDE_BOARD) guideSeen = true;
        s = {
          ...base,
          verdict: 'keep',
          clause: 'S-6.1',
          reason: because(inside.name === SERVICE_ORG_BOARD ? 'signServiceOrg' : 'signGuide'),
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
        reason: because('signMergeInside'),
        matchKind: 'other',
        flags: ['sign_not_allowed'],
      };
    } else if (basis.trim()) {
      s = {
        ...base,
        verdict: 'merge',
        clause: 'S-6.1',
        reason: because('signMergeWithBasis', { basis: basis.trim() }),
        matchKind: 'other',
        flags: ['sign_not_allowed'],
      };
    } else {
      s = {
        ...base,
        verdict: 'cancel',
        clause: 'S-6.1、S-9',
        reason: because('signRemove'),
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
        reason: because(villageKind === 'community' ? 'signOverLimitCommunity' : 'signOverLimitVillage', {
          count: counted.length,
          max,
          maxVillage: guide.maxVillage,
          maxCommunity: guide.maxCommunity,
        }),
        flags: [...s.flags, 'sign_over_limit'],
      });
    }
  }
  return out;
}

/** The callers' form: the district guide, the village kind and the village's lookup. */
export async function judgeSigns(
  rows: SignRow[],
  guide: SignGuide,
  villageKind: 'village' | 'community',
  _versionId: string | null,
  lookup?: CatalogLookup | null,
): Promise<Map<string, Suggestion>> {
  return suggestSigns(rows, lookup?.view ?? null, villageKind, guide);
}
