/**
 * Clean-up tasks follow an approved ledger's verdicts: every non-compliant row gets one, owned by the
 * village or by the department that imposed the burden, due at its phase's deadline; rows now kept or
 * deleted lose theirs. Departments learn of their tasks through a domain event.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { zh } from '../../../shared/i18n.js';
import type { Category } from '../../../shared/campaigns.js';
import * as regions from '../regions/regions.service.js';
import * as directory from '../accounts/directory.js';
import { isNonCompliant, phaseOfCategory, taskTitle } from './campaigns.model.js';
import type { CampaignRecord } from './campaigns.repo.js';
import { recountLedger, type LedgerRecord } from './ledgers.repo.js';
import { rowsOf } from './rows.repo.js';
import { syncCleanupStatus } from './rows.write.repo.js';
import * as tasksRepo from './tasks.repo.js';
import type { CleanupTaskTable } from './campaigns.tables.js';

type Trx = Kysely<DB>;

const strip = (s: string, prefixes: string[]) => {
  let t = s.normalize('NFKC').replace(/\s+/g, '');
  let again = true;
  while (again) {
    again = false;
    for (const p of prefixes)
      if (p && t.startsWith(p) && t.length > p.length + 1) {
        t = t.slice(p.length);
        again = true;
      }
  }
  return t;
};

/**
 * The department a free-text "imposed by" names, among the departments above the village: names are
 * compared without the region prefixes ("区司法局" = "长治市上党区司法局"). Null when none fits.
 */
export function matchDepartment(
  imposedBy: string,
  departments: { id: string; name: string }[],
  regionNames: string[],
): { id: string; name: string } | null {
  const prefixes = ['中共', '山西省', ...regionNames, '区', '县', '市', '省'];
  const q = strip(imposedBy, prefixes);
  if (q.length < 2) return null;
  for (const d of departments) if (strip(d.name, prefixes) === q) return d;
  for (const d of departments) {
    const n = strip(d.name, prefixes);
    if (n.length >= 3 && q.length >= 3 && (n.endsWith(q) || q.endsWith(n))) return d;
  }
  return null;
}

/** The regions above a village (its county, city, province and township): where its tasks' departments sit. */
export const regionsAbove = (l: Pick<LedgerRecord, 'countyCode' | 'cityCode' | 'provinceCode' | 'townshipCode'>) =>
  [l.countyCode, l.cityCode, l.provinceCode, l.townshipCode].filter((x): x is string => !!x);

async function ownerResolver(trx: Trx, l: LedgerRecord) {
  const above = regionsAbove(l);
  const departments = await directory.departmentsIn(trx, above);
  const names = [...(await regions.namesOf(trx, above)).values()];
  return (category: Category, imposedBy: string) => {
    // A board is taken down by the village that hung it; other burdens are undone by whoever imposed them.
    const dep = category === 'sign' || !imposedBy ? null : matchDepartment(imposedBy, departments, names);
    return dep
      ? { ownerKind: 'department' as const, ownerDepartmentId: dep.id, ownerName: dep.name }
      : { ownerKind: 'village' as const, ownerDepartmentId: null, ownerName: l.villageName };
  };
}

/**
 * Brings a just-approved ledger's tasks in line with its verdicts: new tasks for non-compliant rows,
 * cancelled ones for rows now kept or deleted, updated verdicts; rows get their clean-up status.
 */
export async function syncTasks(trx: Trx, deps: Deps, ctx: RequestContext, l: LedgerRecord, c: CampaignRecord) {
  const now = deps.clock.nowIso();
  const rows = await rowsOf(trx, l.id);
  const existing = new Map((await tasksRepo.tasksOfLedger(trx, l.id)).map((t) => [t.rowId, t]));
  const ownerOf = await ownerResolver(trx, l);
  const deadlines = new Map(c.phases.map((p) => [p.key, p.deadline]));
  const created: CleanupTaskTable[] = [];
  const cancel = (id: string) => tasksRepo.patchTask(trx, id, { status: 'cancelled', updatedAt: now });
  let cancelled = 0;
  let open = 0;
  for (const r of rows) {
    const t = existing.get(r.id);
    existing.delete(r.id);
    if (isNonCompliant(r.verdict)) {
      const verdict = r.verdict!;
      const clause = r.decision === 'overridden' ? zh('campaigns.taskClauseOverridden') : r.suggestion.clause;
      const title = taskTitle(r.category, verdict, r.name);
      if (!t) {
        const phaseKey = phaseOfCategory(r.category);
        created.push({
          id: newId(),
          campaignId: c.id,
          ledgerId: l.id,
          rowId: r.id,
          category: r.category,
          phaseKey,
          title,
          verdict,
          clause,
          ...ownerOf(r.category, r.imposedBy),
          deadline: deadlines.get(phaseKey) ?? `${c.year}-12-10`,
          status: 'open',
          closureNote: null,
          closedAt: null,
          closedBy: null,
          evidenceCount: 0,
          provinceCode: l.provinceCode,
          cityCode: l.cityCode,
          countyCode: l.countyCode,
          townshipCode: l.townshipCode,
          villageCode: l.villageCode,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        open += 1;
      } else {
        const reopen = t.status === 'cancelled';
        if (reopen || t.verdict !== verdict || t.title !== title)
          await tasksRepo.patchTask(trx, t.id, {
            verdict,
            clause,
            title,
            ...(reopen ? { status: 'open' } : {}),
            updatedAt: now,
          });
        if (reopen || t.status === 'open') open += 1;
      }
    } else if (t && t.status === 'open') {
      await cancel(t.id);
      cancelled += 1;
    }
  }
  for (const t of existing.values()) {
    if (t.status !== 'open') continue;
    await cancel(t.id);
    cancelled += 1;
  }
  await tasksRepo.insertTasks(trx, created);
  // Rows mirror their task's state (roll-ups read rows only).
  await syncCleanupStatus(trx, l.id);
  await recountLedger(trx, l.id);
  if (created.length) {
    await appendAudit(trx, deps, ctx, {
      action: 'tasks.create',
      entity: 'ledger',
      entityId: l.id,
      regionCode: l.villageCode,
      after: { created: created.length, cancelled, ids: created.map((t) => t.id) },
    });
    await announceOwners(trx, deps, now, created, l);
  } else if (cancelled) {
    await appendAudit(trx, deps, ctx, {
      action: 'tasks.cancel',
      entity: 'ledger',
      entityId: l.id,
      regionCode: l.villageCode,
      after: { cancelled },
    });
  }
  return { created: created.length, cancelled, open };
}

/** Tells each department the clean-up tasks it owns (a domain event; notifications turns it into notices). */
async function announceOwners(trx: Trx, deps: Deps, now: string, tasks: CleanupTaskTable[], l: LedgerRecord) {
  const depIds = [...new Set(tasks.filter((t) => t.ownerDepartmentId).map((t) => t.ownerDepartmentId!))];
  if (!depIds.length) return;
  await deps.events.record(trx, 'tasks.assigned', now, {
    ledgerId: l.id,
    villageCode: l.villageCode,
    villageName: l.villageName,
    departments: depIds.map((departmentId) => ({
      departmentId,
      tasks: tasks.filter((t) => t.ownerDepartmentId === departmentId).map((t) => ({ id: t.id, title: t.title })),
    })),
  });
}
