/**
 * The region node a list, roll-up or export is about, and the column = value pairs that pin it, so every
 * level is a prefix of the scope indexes of ledgers, rows and tasks.
 */
import type { Deps } from '../../deps.js';
import { canAt, prefixLength, type Actor } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import type { Region } from '../regions/regions.model.js';
import * as regions from '../regions/regions.service.js';
import type { CampaignRecord } from './campaigns.repo.js';
import type { Pins } from './ledgers.repo.js';

export type ScopeNode = Region;

export const regionNotFound = (): never => {
  throw new AppError('not_found', msg('campaigns.error.regionNotFound'));
};

/** A region by code with its ancestor columns; 404 when there is none. */
export const nodeOf = async (deps: Deps, code: string): Promise<ScopeNode> =>
  (await regions.byCode(deps.db, code)) ?? regionNotFound();

/** Column = value pairs that pin a node: its own ancestors and itself. */
export function ancestorEqualities(node: ScopeNode): Pins {
  const out: Pins = [];
  const depth = { province: 1, city: 2, county: 3, township: 4, village: 5, community: 5 }[node.level];
  const cols = ['provinceCode', 'cityCode', 'countyCode', 'townshipCode', 'villageCode'] as const;
  for (let i = 0; i < depth; i++) {
    const v = node[cols[i]];
    if (v) out.push([cols[i], v]);
  }
  return out;
}

/**
 * The node a roll-up or export is about: the requested region (which must lie inside the campaign and
 * inside the actor's reach), or by default the actor's own node clipped to the campaign.
 */
export async function scopeNode(
  deps: Deps,
  actor: Actor,
  c: CampaignRecord,
  regionCode: string | undefined,
): Promise<ScopeNode> {
  const candidates = regionCode
    ? [regionCode]
    : [...actor.grants.filter((g) => g.role !== 'department_officer').map((g) => g.regionCode), c.regionCode];
  const campaignPrefix = c.regionCode.slice(0, prefixLength(c.regionLevel));
  for (const code of candidates) {
    const node = await regions.byCode(deps.db, code);
    if (node && node.code.startsWith(campaignPrefix) && canAt(actor, 'ledgers.read', node.code)) return node;
  }
  return regionNotFound();
}
