/** Campaigns as the API shows them (src/shared/campaigns.ts campaignSchema), with the actor's abilities. */
import type { Actor } from '../../core/actor.js';
import type { JobRecord } from '../../core/jobs.js';
import type { Campaign, Phase } from '../../../shared/campaigns.js';
import type { CampaignRecord, PhaseRecord } from './campaigns.repo.js';
import { canEditCampaign, canLaunch, canManageCampaign } from './campaigns.policy.js';

export const presentPhase = (p: PhaseRecord): Phase => ({
  key: p.key,
  clause: p.clause,
  categories: p.categories,
  deadline: p.deadline,
  movedFrom: p.movedFrom,
});

export function presentCampaign(
  actor: Actor,
  c: CampaignRecord,
  extra: { regionName: string | null; launch: JobRecord | null },
): Campaign {
  const job = extra.launch;
  return {
    id: c.id,
    name: c.name,
    regionCode: c.regionCode,
    regionName: extra.regionName ?? c.regionCode,
    regionLevel: c.regionLevel,
    year: c.year,
    status: c.status,
    previousCampaignId: c.previousCampaignId,
    settings: c.settings,
    launchedAt: c.launchedAt,
    ledgerCount: c.ledgerCount,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
    phases: c.phases.map(presentPhase),
    launch: job
      ? {
          jobId: job.id,
          status: job.status,
          progress: job.progress,
          total: job.total,
          message: job.message,
          error: job.error as { code: string; message: string } | null,
        }
      : null,
    abilities: { edit: canEditCampaign(actor, c), launch: canLaunch(actor, c), manage: canManageCampaign(actor, c) },
  };
}
