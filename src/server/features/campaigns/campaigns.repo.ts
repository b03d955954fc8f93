/**
 * SQL of campaigns, their phases and the districts' sign-guide settings, with the row ↔ record mapping.
 * Services call these inside their transactions; nothing here checks permissions (the services do, with
 * campaigns.policy.ts, whose SQL twins the list queries use).
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import type { RegionLevel } from '../../../shared/roles.js';
import {
  campaignSettings,
  type CampaignSettings,
  type CampaignStatus,
  type Category,
  type PhaseKey,
} from '../../../shared/campaigns.js';
import { DEFAULT_SIGN_GUIDE, type SignGuide } from './campaigns.model.js';
import { campaignVisibleTo } from './campaigns.policy.js';
import type { CampaignPhaseTable, CampaignTable, SignGuideSettingTable } from './campaigns.tables.js';
import { updateVersioned } from './versioned.repo.js';

export interface PhaseRecord {
  id: string;
  key: PhaseKey;
  name: string;
  clause: string;
  categories: Category[];
  deadline: string;
  sort: number;
  movedFrom: string | null;
}

export interface CampaignRecord {
  id: string;
  name: string;
  regionCode: string;
  regionLevel: RegionLevel;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  year: number;
  status: CampaignStatus;
  previousCampaignId: string | null;
  settings: CampaignSettings;
  launchJobId: string | null;
  launchedAt: string | null;
  ledgerCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  phases: PhaseRecord[];
}

export const toPhase = (p: Selectable<CampaignPhaseTable>): PhaseRecord => ({
  id: p.id,
  key: p.key as PhaseKey,
  name: p.name,
  clause: p.clause,
  categories: JSON.parse(p.categories),
  deadline: p.deadline,
  sort: Number(p.sort),
  movedFrom: p.movedFrom ?? null,
});

export const toCampaign = (c: Selectable<CampaignTable>, phases: PhaseRecord[]): CampaignRecord => ({
  id: c.id,
  name: c.name,
  regionCode: c.regionCode,
  regionLevel: c.regionLevel as RegionLevel,
  provinceCode: c.provinceCode,
  cityCode: c.cityCode,
  countyCode: c.countyCode,
  year: Number(c.year),
  status: c.status as CampaignStatus,
  previousCampaignId: c.previousCampaignId,
  settings: campaignSettings.parse(JSON.parse(c.settings || '{}')),
  launchJobId: c.launchJobId,
  launchedAt: c.launchedAt,
  ledgerCount: Number(c.ledgerCount),
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: Number(c.version),
  phases,
});

export async function findCampaign(db: Kysely<DB>, id: string): Promise<CampaignRecord | null> {
  const c = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) return null;
  return toCampaign(c, await phasesOf(db, id));
}

export async function phasesOf(db: Kysely<DB>, campaignId: string): Promise<PhaseRecord[]> {
  const rows = await db
    .selectFrom('campaignPhase')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('sort')
    .execute();
  return rows.map(toPhase);
}

/** The campaigns an actor sees (newest year first), at most 200, with their phases. */
export async function visibleCampaigns(db: Kysely<DB>, actor: Actor): Promise<CampaignRecord[]> {
  const rows = await db
    .selectFrom('campaign')
    .selectAll()
    .where(campaignVisibleTo(actor))
    .orderBy('year', 'desc')
    .orderBy('createdAt', 'desc')
    .limit(200)
    .execute();
  if (!rows.length) return [];
  const phases = await db
    .selectFrom('campaignPhase')
    .selectAll()
    .where(
      'campaignId',
      'in',
      rows.map((c) => c.id),
    )
    .orderBy('sort')
    .execute();
  return rows.map((c) => toCampaign(c, phases.filter((p) => p.campaignId === c.id).map(toPhase)));
}

export async function insertCampaign(
  trx: Kysely<DB>,
  campaign: CampaignTable,
  phases: CampaignPhaseTable[],
): Promise<void> {
  await trx.insertInto('campaign').values(campaign).execute();
  await trx.insertInto('campaignPhase').values(phases).execute();
}

/** Applies a change if the campaign still has `version` (and, when given, `status`); false when it moved. */
export async function updateCampaign(
  trx: Kysely<DB>,
  id: string,
  expected: { version: number; status?: CampaignStatus },
  patch: Partial<Pick<CampaignTable, 'name' | 'settings' | 'status'>> & { updatedAt: string },
): Promise<boolean> {
  const where: Record<string, string> = expected.status ? { id, status: expected.status } : { id };
  return updateVersioned(trx, 'campaign', where, expected.version, patch);
}

/** Sets a phase's deadline; `movedFrom` when the launch moved it (a date set by hand clears it). */
export async function setPhaseDeadline(
  trx: Kysely<DB>,
  phaseId: string,
  deadline: string,
  movedFrom: string | null = null,
): Promise<void> {
  await trx.updateTable('campaignPhase').set({ deadline, movedFrom }).where('id', '=', phaseId).execute();
}

export async function setLaunchJob(db: Kysely<DB>, id: string, jobId: string): Promise<void> {
  await db.updateTable('campaign').set({ launchJobId: jobId }).where('id', '=', id).execute();
}

/** The end of a launch: active, with its ledger count (the first launch time is kept). */
export async function markLaunched(
  trx: Kysely<DB>,
  c: Pick<CampaignRecord, 'id' | 'launchedAt'>,
  ledgerCount: number,
  now: string,
): Promise<void> {
  await trx
    .updateTable('campaign')
    .set((eb) => ({
      status: 'active',
      ledgerCount,
      launchedAt: c.launchedAt ?? now,
      updatedAt: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', c.id)
    .execute();
}

/** Active campaigns' reminder settings (the reminder job). */
export async function activeCampaignSettings(db: Kysely<DB>): Promise<{ id: string; settings: CampaignSettings }[]> {
  const rows = await db.selectFrom('campaign').select(['id', 'settings']).where('status', '=', 'active').execute();
  return rows.map((c) => ({ id: c.id, settings: campaignSettings.parse(JSON.parse(c.settings || '{}')) }));
}

// ------------------------------------------------------------------ sign guide (a district's setting)

export async function signGuideSetting(
  db: Kysely<DB>,
  countyCode: string,
): Promise<Selectable<SignGuideSettingTable> | null> {
  return (
    (await db.selectFrom('signGuideSetting').selectAll().where('regionCode', '=', countyCode).executeTakeFirst()) ??
    null
  );
}

/** The sign guide in force in a county (its own setting, else the default). */
export async function signGuideOf(db: Kysely<DB>, countyCode: string | null): Promise<SignGuide> {
  const s = countyCode ? await signGuideSetting(db, countyCode) : null;
  if (!s) return DEFAULT_SIGN_GUIDE;
  return {
    allowedBoards: JSON.parse(s.allowedBoards),
    insideBoards: JSON.parse(s.insideBoards),
    maxVillage: Number(s.maxVillage),
    maxCommunity: Number(s.maxCommunity),
    note: s.note,
  };
}

/** Writes a county's sign guide: the first one with version 0, later ones at the stored version. False on a clash. */
export async function saveSignGuide(
  trx: Kysely<DB>,
  countyCode: string,
  existing: boolean,
  version: number,
  guide: SignGuide,
  by: { userId: string; now: string },
): Promise<boolean> {
  const values = {
    allowedBoards: JSON.stringify(guide.allowedBoards),
    insideBoards: JSON.stringify(guide.insideBoards),
    maxVillage: guide.maxVillage,
    maxCommunity: guide.maxCommunity,
    note: guide.note,
    updatedBy: by.userId,
    updatedAt: by.now,
  };
  if (!existing) {
    if (version !== 0) return false;
    await trx
      .insertInto('signGuideSetting')
      .values({ regionCode: countyCode, ...values, version: 1 })
      .execute();
    return true;
  }
  return updateVersioned(trx, 'signGuideSetting', { regionCode: countyCode }, version, values);
}
