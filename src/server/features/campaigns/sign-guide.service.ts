/**
 * A district's sign guide (标识牌指引): the boards allowed outside, those that belong inside, and the
 * 村6社5 limits. Configurable per county; the default stands until the district saves its own.
 * Existing suggestions are re-judged when rows change.
 */
import type { Deps } from '../../deps.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import type { SignGuideBody, SignGuideDto } from '../../../shared/campaigns.js';
import * as regions from '../regions/regions.service.js';
import { DEFAULT_SIGN_GUIDE } from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import { canSeeCampaign } from './campaigns.policy.js';
import { conflict, forbidden, missing } from './campaigns.errors.js';

const countyOf = (regionCode: string) => regionCode.slice(0, 6).padEnd(12, '0');

export async function getSignGuide(deps: Deps, actor: Actor, regionCode: string): Promise<SignGuideDto> {
  const county = countyOf(regionCode);
  if (!canSeeCampaign(actor, { regionCode: county, regionLevel: 'county' })) missing('campaigns.error.regionNotFound');
  const row = await repo.signGuideSetting(deps.db, county);
  const guide = await repo.signGuideOf(deps.db, county);
  return {
    regionCode: county,
    ...guide,
    configurable: true,
    isDefault: !row,
    defaults: DEFAULT_SIGN_GUIDE,
    version: row ? Number(row.version) : 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Saves a district's sign guide (version 0 creates it). */
export async function putSignGuide(deps: Deps, ctx: AuthedContext, regionCode: string, input: SignGuideBody) {
  const actor = ctx.actor;
  const county = countyOf(regionCode);
  const region = await regions.byCode(deps.db, county);
  if (!region || region.level !== 'county') return missing('campaigns.error.countyNotFound');
  if (!canAt(actor, 'campaigns.manage', county)) throw forbidden('campaigns.error.signGuideForbidden');
  const { version, ...guide } = input;
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.signGuideSetting(trx, county);
    if (!(await repo.saveSignGuide(trx, county, !!before, version, guide, { userId: actor.userId, now })))
      throw conflict();
    await appendAudit(trx, deps, ctx, {
      action: 'campaigns.sign_guide',
      entity: 'sign_guide_setting',
      entityId: county,
      regionCode: county,
      before: before ?? null,
      after: guide,
    });
  });
  return getSignGuide(deps, actor, county);
}
