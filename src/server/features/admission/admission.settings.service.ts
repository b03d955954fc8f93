/**
 * A district's admission settings: the review chain (which steps, working-day limits, named reviewers,
 * reminder days) and the working-day calendar. Districts without settings use the defaults.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { grantsWith, type Actor, type AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, ensure, msg } from '../../core/errors.js';
import { chainConfig, type ChainConfig } from '../../../shared/admission.js';
import * as directory from '../accounts/directory.js';
import { NATIONAL_2026, type WorkCalendar } from './admission.calendar.js';
import { conflict, county12 } from './admission.common.js';
import * as repo from './admission.settings.repo.js';

export const DEFAULT_CHAIN: ChainConfig = chainConfig.parse({});
export const DEFAULT_CALENDAR: WorkCalendar = NATIONAL_2026;

export async function settingsFor(db: Kysely<DB>, countyCode: string) {
  const row = await repo.settingsOf(db, countyCode);
  if (!row)
    return {
      countyCode,
      chain: DEFAULT_CHAIN,
      calendar: DEFAULT_CALENDAR,
      version: 0,
      updatedAt: null as string | null,
      isDefault: true,
    };
  return {
    countyCode,
    chain: chainConfig.parse(JSON.parse(row.chainJson)),
    calendar: JSON.parse(row.calendarJson) as WorkCalendar,
    version: Number(row.version),
    updatedAt: row.updatedAt,
    isDefault: false,
  };
}

/** The district whose settings apply to the actor (their first county-level or lower grant's county). */
function actorCounty(actor: Actor): string {
  const g = actor.grants.find((x) => ['county', 'township', 'village', 'community'].includes(x.level));
  if (!g) throw new AppError('forbidden', msg('admission.error.noCounty'));
  return county12(g.regionCode);
}

export async function getSettings(deps: Deps, ctx: AuthedContext) {
  return settingsFor(deps.db, actorCounty(ctx.actor));
}

/** Named reviewers must hold the step's role at the district. */
const ASSIGNEE_ROLE = { district: 'district_lead', government: 'district_approver' } as const;

export async function updateSettings(
  deps: Deps,
  ctx: AuthedContext,
  input: { version: number; chain: ChainConfig; calendar: WorkCalendar },
) {
  const { actor } = ctx;
  const grant = grantsWith(actor, 'admission.configure').find((g) => g.level === 'county');
  ensure(grant, msg('admission.error.configureDistrictOnly'));
  const countyCode = grant.regionCode;
  for (const step of ['district', 'government'] as const) {
    const uid = input.chain[step].assigneeUserId;
    if (uid && !(await directory.userWithGrant(deps.db, uid, ASSIGNEE_ROLE[step], countyCode)))
      throw new AppError('validation_failed', msg(`admission.error.assigneeInvalid.${step}`));
  }
  if (input.chain.township.assigneeUserId)
    throw new AppError('validation_failed', msg('admission.error.townshipAssignee'));
  const now = deps.clock.nowIso();
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.settingsOf(trx, countyCode);
    if (!before && input.version !== 0) throw conflict('admission.error.settingsStale');
    const saved = await repo.saveSettings(trx, countyCode, before ? input.version : null, {
      chainJson: JSON.stringify(input.chain),
      calendarJson: JSON.stringify(input.calendar),
      updatedAt: now,
      updatedBy: actor.userId,
    });
    if (!saved) throw conflict('admission.error.settingsStale');
    await appendAudit(trx, deps, ctx, {
      action: 'admission.settings',
      entity: 'admission_setting',
      entityId: countyCode,
      regionCode: countyCode,
      before: before ? { chain: JSON.parse(before.chainJson), calendar: JSON.parse(before.calendarJson) } : null,
      after: { chain: input.chain, calendar: input.calendar },
    });
    return settingsFor(trx, countyCode);
  });
}
