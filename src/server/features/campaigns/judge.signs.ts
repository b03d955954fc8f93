/**
 * Suggested verdicts for signs (S-6.1): every sign of one village is judged together, since the count
 * limit (村6社5 by default) spans the village.
 */
import type { SignFields, SignGuide, BoardRule } from './campaigns.model.js';
import { GUIDE_BOARD, SERVICE_ORG_BOARD } from './campaigns.model.js';
import { because, fold, type CatalogHitItem, type CatalogLookup, type Suggestion } from './judge.types.js';
import type { RowInput } from './campaigns.model.js';

/** The board rule the text belongs to: the rule with the longest matching pattern. */
export function boardOf(text: string, rules: BoardRule[]): BoardRule | null {
  const t = fold(text);
  let best: BoardRule | null = null;
  let len = 0;
  for (const r of rules)
    for (const p of r.patterns) {
      const fp = fold(p);
      if (fp && t.includes(fp) && fp.length > len) {
        best = r;
        len = fp.length;
      }
    }
  return best;
}

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
export async function judgeSigns(
  rows: SignRow[],
  guide: SignGuide,
  villageKind: 'village' | 'community',
  versionId: string | null,
  lookup?: CatalogLookup | null,
): Promise<Map<string, Suggestion>> {
  const out = new Map<string, Suggestion>();
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const guideHits = new Map<string, CatalogHitItem | null>();
  if (lookup)
    for (const r of sorted)
      if (!guideHits.has(r.input.name)) guideHits.set(r.input.name, await lookup.match(r.input.name, ['sign_guide']));
  let guideSeen = false;
  const counted: { id: string; rank: number; seq: number }[] = [];
  for (const r of sorted) {
    const { name, basis } = r.input;
    const position = (r.input.fields as SignFields).position;
    const allowed = boardOf(name, guide.allowedBoards);
    const inside = boardOf(name, guide.insideBoards);
    const fromCatalog = guideHits.get(name) ?? null;
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
