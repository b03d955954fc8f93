/**
 * Launching a campaign: a background job (`campaigns.launch`) creates one ledger per village and
 * community in scope, pre-filled from the previous cycle with verdicts and workflow reset and the
 * suggestions re-judged against today's catalogs. The UI polls the campaign's `launch`.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext, RequestContext } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { shanghaiDate } from '../../core/clock.js';
import type { JobContext } from '../../core/jobs.js';
import { zh } from '../../../shared/i18n.js';
import { phaseDates } from '../../../shared/campaigns.codes.js';
import * as regions from '../regions/regions.service.js';
import { countersOf, fieldsHashOf, groupBy, type SignGuide } from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import * as ledgersRepo from './ledgers.repo.js';
import * as rowsRepo from './rows.repo.js';
import * as rowsWrite from './rows.write.repo.js';
import { canManageCampaign } from './campaigns.policy.js';
import { catalogLookups } from './campaigns.catalog.js';
import { judgeRow, judgeSigns, type Suggestion } from './campaigns.judge.js';
import { getCampaign, getVisibleCampaign } from './campaigns.service.js';
import { conflict, forbidden } from './campaigns.errors.js';
import type { LedgerRowTable, LedgerTable } from './campaigns.tables.js';

export const LAUNCH_JOB = 'campaigns.launch';
const LAUNCH_BATCH = 200;

/** Starts the launch job (one ledger per village and community in scope); the UI polls `launch` on the campaign. */
export async function launchCampaign(deps: Deps, ctx: AuthedContext, id: string, version: number) {
  const actor = ctx.actor;
  const c = await getVisibleCampaign(deps, actor, id);
  if (!canManageCampaign(actor, c)) throw forbidden('campaigns.error.launchForbidden');
  if (c.status !== 'draft') throw conflict('campaigns.error.alreadyLaunched');
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateCampaign(
      trx,
      id,
      { version, status: 'draft' },
      { status: 'launching', updatedAt: deps.clock.nowIso() },
    );
    if (!ok) throw conflict();
    await appendAudit(trx, deps, ctx, {
      action: 'campaigns.launch',
      entity: 'campaign',
      entityId: id,
      regionCode: c.regionCode,
      after: { status: 'launching' },
    });
  });
  const jobId = await deps.jobs.enqueue(
    LAUNCH_JOB,
    { campaignId: id },
    { createdBy: actor.userId, regionCode: c.regionCode, dedupeKey: `${LAUNCH_JOB}:${id}` },
  );
  await repo.setLaunchJob(deps.db, id, jobId);
  return getCampaign(deps, actor, id);
}

/**
 * The launch job: creates the missing ledgers in batches (one transaction and one audit row per batch,
 * so a restarted job resumes where it stopped), copying last cycle's rows with statuses reset and the
 * suggestions re-judged against today's catalogs.
 */
export async function runLaunch(deps: Deps, campaignId: string, job: Pick<JobContext, 'progress' | 'createdBy'>) {
  const c = await repo.findCampaign(deps.db, campaignId);
  if (!c) throw new AppError('not_found', msg('campaigns.error.campaignNotFound'));
  if (c.status !== 'launching' && c.status !== 'active') throw conflict('campaigns.error.notLaunching');
  const villages = await regions.villagesUnder(deps.db, c.regionCode, c.regionLevel);
  const existing = await ledgersRepo.ledgerIdsByVillage(deps.db, c.id);
  const prevLedgers = c.previousCampaignId
    ? await ledgersRepo.ledgerIdsByVillage(deps.db, c.previousCampaignId)
    : new Map<string, string>();
  const todo = villages.filter((v) => !existing.has(v.code));
  const total = villages.length;
  let done = total - todo.length;
  await job.progress(done, total, zh('campaigns.launchStarting', { total }));
  const lookups = catalogLookups(deps, shanghaiDate(deps.clock.now()));
  const memo = new Map<string, Suggestion>();
  const ctx: RequestContext = { actor: null, ip: null, requestId: `job:${LAUNCH_JOB}` };
  const audit = { actorId: job.createdBy ?? undefined, actorName: `job:${LAUNCH_JOB}` };
  let copied = 0;
  for (let i = 0; i < todo.length; i += LAUNCH_BATCH) {
    const batch = todo.slice(i, i + LAUNCH_BATCH);
    const now = deps.clock.nowIso();
    const ledgers: LedgerTable[] = batch.map((v) => ({
      ...countersOf([]),
      id: newId(),
      campaignId: c.id,
      villageCode: v.code,
      villageName: v.name,
      villageKind: v.level === 'community' ? 'community' : 'village',
      provinceCode: v.provinceCode,
      cityCode: v.cityCode,
      countyCode: v.countyCode,
      townshipCode: v.townshipCode,
      status: 'draft',
      approvalStale: 0,
      returnNote: null,
      submittedAt: null,
      submittedBy: null,
      reviewedAt: null,
      reviewedBy: null,
      approvedAt: null,
      previousLedgerId: prevLedgers.get(v.code) ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    const rows = await copyPreviousRows(deps, ledgers, lookups, memo, now);
    const byLedger = groupBy(rows, (r) => r.ledgerId);
    for (const l of ledgers) Object.assign(l, countersOf(byLedger.get(l.id) ?? []));
    await deps.db.transaction().execute(async (trx) => {
      await ledgersRepo.insertLedgers(trx, ledgers);
      await rowsWrite.insertRows(trx, rows, deps.database);
      await appendAudit(trx, deps, ctx, {
        ...audit,
        action: 'campaigns.launch_batch',
        entity: 'campaign',
        entityId: c.id,
        regionCode: c.regionCode,
        after: {
          ledgers: ledgers.length,
          rowsCopied: rows.length,
          from: batch[0].code,
          to: batch[batch.length - 1].code,
        },
      });
    });
    copied += rows.length;
    done += batch.length;
    await job.progress(done, total, zh('campaigns.launchProgress', { done, total }));
  }
  const ledgerCount = await ledgersRepo.countLedgers(deps.db, c.id);
  const moved = c.launchedAt ? [] : movedAtLaunch(c, shanghaiDate(deps.clock.now()));
  await deps.db.transaction().execute(async (trx) => {
    for (const m of moved) await repo.setPhaseDeadline(trx, m.id, m.deadline, m.movedFrom);
    await repo.markLaunched(trx, c, ledgerCount, deps.clock.nowIso());
    await appendAudit(trx, deps, ctx, {
      ...audit,
      action: 'campaigns.launched',
      entity: 'campaign',
      entityId: c.id,
      regionCode: c.regionCode,
      after: { ledgers: ledgerCount, rowsCopied: copied, phasesMoved: moved },
    });
  });
  return { ledgers: ledgerCount, rowsCopied: copied };
}

/** Phases whose deadline is the launch day or earlier move relative to the launch (never overdue on day one). */
function movedAtLaunch(c: repo.CampaignRecord, launchDay: string) {
  const given = Object.fromEntries(c.phases.map((p) => [p.key, p.deadline]));
  return phaseDates(c.year, launchDay, given).flatMap((d) => {
    const p = c.phases.find((x) => x.key === d.key);
    return p && d.movedFrom
      ? [{ id: p.id, key: p.key, deadline: d.deadline, movedFrom: p.movedFrom ?? d.movedFrom }]
      : [];
  });
}

/** Last cycle's rows for new ledgers: facts copied, verdicts and workflow reset, suggestions re-judged. */
async function copyPreviousRows(
  deps: Deps,
  ledgers: LedgerTable[],
  lookups: ReturnType<typeof catalogLookups>,
  memo: Map<string, Suggestion>,
  now: string,
): Promise<LedgerRowTable[]> {
  const withPrev = ledgers.filter((l) => l.previousLedgerId);
  if (!withPrev.length) return [];
  const prevRows = await rowsRepo.rowsOfLedgers(
    deps.db,
    withPrev.map((l) => l.previousLedgerId!),
  );
  const byLedger = groupBy(prevRows, (r) => r.ledgerId);
  const guides = new Map<string, SignGuide>();
  const out: LedgerRowTable[] = [];
  for (const l of withPrev) {
    const prev = byLedger.get(l.previousLedgerId!) ?? [];
    if (!prev.length) continue;
    const lookup = await lookups.forVillage(l.villageCode);
    const ids = new Map(prev.map((p) => [p.id, newId()]));
    const signs = prev.filter((p) => p.category === 'sign');
    let signJudged = new Map<string, Suggestion>();
    if (signs.length) {
      const county = l.countyCode ?? '';
      if (!guides.has(county)) guides.set(county, await repo.signGuideOf(deps.db, l.countyCode));
      signJudged = await judgeSigns(
        signs.map((p) => ({ id: p.id, seq: p.seq, input: rowsRepo.inputOf(p) })),
        guides.get(county)!,
        l.villageKind === 'community' ? 'community' : 'village',
        lookup.versionId,
        lookup,
      );
    }
    for (const p of prev) {
      const input = rowsRepo.inputOf(p);
      let s = signJudged.get(p.id);
      if (!s) {
        const key = `${lookup.versionId}|${p.category}|${fieldsHashOf(input)}`;
        s = memo.get(key);
        if (!s) memo.set(key, (s = await judgeRow(input, lookup)));
      }
      out.push(
        rowsWrite.newRowValues(l, 'draft', {
          id: ids.get(p.id)!,
          seq: p.seq,
          input,
          suggestion: s,
          now,
          createdBy: null,
          source: 'previous',
          prevRowId: p.id,
          prevVerdict: p.verdict,
          prevFieldsHash: p.fieldsHash,
          changeKind: 'unchanged',
        }),
      );
    }
  }
  return out;
}
