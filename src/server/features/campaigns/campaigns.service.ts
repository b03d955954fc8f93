/**
 * Campaigns: create with the seed plan's phases, rename, re-date phases (open tasks follow) and change
 * reminder settings. Launching is launch.service.ts; a district's sign guide is sign-guide.service.ts.
 */
import type { Deps } from '../../deps.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { shanghaiDate } from '../../core/clock.js';
import type { RegionLevel } from '../../../shared/roles.js';
import {
  DEFAULT_PHASES,
  campaignSettings,
  phaseDates,
  type Campaign,
  type CreateCampaignBody,
  type UpdateCampaignBody,
} from '../../../shared/campaigns.js';
import * as regions from '../regions/regions.service.js';
import { phaseName } from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import { moveOpenTaskDeadlines } from './tasks.repo.js';
import { canEditCampaign, canSeeCampaign } from './campaigns.policy.js';
import { presentCampaign } from './campaigns.presenter.js';
import { conflict, forbidden, invalid, missing } from './campaigns.errors.js';

const CAMPAIGN_LEVELS: RegionLevel[] = ['province', 'city', 'county'];

/** A campaign the actor sees; 404 otherwise. */
export async function getVisibleCampaign(deps: Deps, actor: Actor, id: string) {
  const c = await repo.findCampaign(deps.db, id);
  if (!c || !canSeeCampaign(actor, c)) return missing('campaigns.error.campaignNotFound');
  return c;
}

/** A campaign as the API shows it: its region's name and its launch job's progress. */
export async function presentOne(deps: Deps, actor: Actor, c: repo.CampaignRecord): Promise<Campaign> {
  const [region, launch] = await Promise.all([
    regions.byCode(deps.db, c.regionCode),
    c.launchJobId ? deps.jobs.get(c.launchJobId) : null,
  ]);
  return presentCampaign(actor, c, { regionName: region?.name ?? null, launch });
}

export async function getCampaign(deps: Deps, actor: Actor, id: string) {
  return presentOne(deps, actor, await getVisibleCampaign(deps, actor, id));
}

/** The campaigns the actor sees: those launched above them and those inside their reach. */
export async function listCampaigns(deps: Deps, actor: Actor) {
  const out: Campaign[] = [];
  for (const c of await repo.visibleCampaigns(deps.db, actor)) out.push(await presentOne(deps, actor, c));
  return out;
}

/** The running campaigns the actor sees (the workbench's subjects), newest first. */
export async function activeCampaigns(deps: Deps, actor: Actor) {
  return (await repo.visibleCampaigns(deps.db, actor)).filter((c) => c.status === 'active');
}

/** Creates a campaign in draft with the seed plan's phases (dates may be overridden). */
export async function createCampaign(deps: Deps, ctx: AuthedContext, input: CreateCampaignBody) {
  const actor = ctx.actor;
  const region = await regions.byCode(deps.db, input.regionCode);
  if (!region || !CAMPAIGN_LEVELS.includes(region.level))
    throw invalid('campaigns.error.campaignLevel', 'regionCode', 'campaigns.error.campaignLevelField');
  if (!canAt(actor, 'campaigns.manage', region.code)) throw forbidden('campaigns.error.campaignOutOfScope');
  if (input.previousCampaignId) {
    const prev = await repo.findCampaign(deps.db, input.previousCampaignId);
    if (!prev || !canSeeCampaign(actor, prev))
      throw invalid('campaigns.error.previousMissing', 'previousCampaignId', 'campaigns.error.previousMissingField');
    if (prev.regionCode !== region.code)
      throw invalid(
        'campaigns.error.previousOtherRegion',
        'previousCampaignId',
        'campaigns.error.previousOtherRegionField',
      );
    if (prev.status === 'draft' || prev.status === 'launching')
      throw new AppError('validation_failed', msg('campaigns.error.previousNotLaunched'));
  }
  // Dates already past (the plan's 08-10 for a campaign started in autumn) move relative to today.
  const dates = phaseDates(
    input.year,
    shanghaiDate(deps.clock.now()),
    Object.fromEntries((input.phases ?? []).map((p) => [p.key, p.deadline])),
  );
  const settings = campaignSettings.parse(input.settings ?? {});
  const id = newId();
  const now = deps.clock.nowIso();
  const phases = DEFAULT_PHASES.map((p, i) => ({
    id: newId(),
    campaignId: id,
    key: p.key,
    name: phaseName(p.key),
    clause: p.clause,
    categories: JSON.stringify(p.categories),
    deadline: dates[i].deadline,
    movedFrom: dates[i].movedFrom,
    sort: i,
  }));
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertCampaign(
      trx,
      {
        id,
        name: input.name,
        regionCode: region.code,
        regionLevel: region.level,
        provinceCode: region.provinceCode,
        cityCode: region.cityCode,
        countyCode: region.countyCode,
        year: input.year,
        status: 'draft',
        previousCampaignId: input.previousCampaignId ?? null,
        settings: JSON.stringify(settings),
        launchJobId: null,
        launchedAt: null,
        ledgerCount: 0,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        version: 1,
      },
      phases,
    );
    await appendAudit(trx, deps, ctx, {
      action: 'campaigns.create',
      entity: 'campaign',
      entityId: id,
      regionCode: region.code,
      after: { ...input, phases: phases.map((p) => ({ key: p.key, deadline: p.deadline })) },
    });
  });
  return getCampaign(deps, actor, id);
}

/** Renames, re-dates phases or changes settings (optimistic: stale version → 409). Phase dates move open tasks' deadlines. */
export async function updateCampaign(deps: Deps, ctx: AuthedContext, id: string, input: UpdateCampaignBody) {
  const actor = ctx.actor;
  const c = await getVisibleCampaign(deps, actor, id);
  if (!canEditCampaign(actor, c)) throw forbidden('campaigns.error.editForbidden');
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const settings = input.settings ? campaignSettings.parse({ ...c.settings, ...input.settings }) : c.settings;
    const ok = await repo.updateCampaign(
      trx,
      id,
      { version: input.version },
      { ...(input.name ? { name: input.name } : {}), settings: JSON.stringify(settings), updatedAt: now },
    );
    if (!ok) throw conflict();
    const moved: { key: string; from: string; to: string }[] = [];
    for (const p of input.phases ?? []) {
      const old = c.phases.find((x) => x.key === p.key);
      if (!old || old.deadline === p.deadline) continue;
      await repo.setPhaseDeadline(trx, old.id, p.deadline);
      await moveOpenTaskDeadlines(trx, id, p.key, p.deadline, now);
      moved.push({ key: p.key, from: old.deadline, to: p.deadline });
    }
    await appendAudit(trx, deps, ctx, {
      action: 'campaigns.update',
      entity: 'campaign',
      entityId: id,
      regionCode: c.regionCode,
      before: { name: c.name, settings: c.settings },
      after: { name: input.name ?? c.name, settings, phases: moved },
    });
  });
  return getCampaign(deps, actor, id);
}
