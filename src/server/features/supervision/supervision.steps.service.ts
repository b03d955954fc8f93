/**
 * The case lifecycle (S-9): 分办 (assign, reassign with a reason) → 核查 → 整改 → 答复 → 办结, and merging
 * a duplicate with a reason. Each step is version-checked, logged and audited in one transaction.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { regionCovers } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, msg } from '../../core/errors.js';
import { zh, type MessageKey } from '../../../shared/i18n.js';
import type { AssigneeKind, CaseStatus, Finding } from '../../../shared/supervision.js';
import * as directory from '../accounts/directory.js';
import * as regions from '../regions/regions.service.js';
import { STEP_FROM } from './supervision.model.js';
import { answersOf, deadlineFrom } from './supervision.common.js';
import { abilities } from './supervision.presenter.js';
import { caseDetail, loadReadable } from './supervision.cases.service.js';
import * as repo from './supervision.repo.js';

type Action = keyof typeof STEP_FROM;

const stale = () => new AppError('conflict', msg('supervision.error.stale'));
const invalid = (field: string, key: MessageKey) =>
  new AppError('validation_failed', msg(key), { issues: [{ field, message: zh(key) }] });

/** Loads the case, checks the actor's ability and the version, then runs `write` with the audit row. */
async function step(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  action: Action,
  version: number,
  write: (
    row: repo.CaseRow,
    now: string,
  ) => Promise<{
    set: Partial<repo.CaseRow>;
    kind: string;
    note?: string | null;
    params?: Record<string, string>;
  }>,
) {
  const row = await loadReadable(deps, ctx, id);
  if (!STEP_FROM[action].includes(row.status as CaseStatus))
    throw new AppError('conflict', msg('supervision.error.wrongStatus'));
  if (!abilities(ctx.actor, row)[action]) throw new AppError('forbidden', msg('supervision.error.notYours'));
  if (Number(row.version) !== version) throw stale();
  const now = deps.clock.nowIso();
  const s = await write(row, now);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateCase(trx, id, version, { ...s.set, updatedAt: now }))) throw stale();
    await repo.addStep(trx, {
      caseId: id,
      kind: s.kind,
      at: now,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      note: s.note ?? null,
      params: s.params,
    });
    await appendAudit(trx, deps, ctx, {
      action: `supervision.${s.kind}`,
      entity: 'supervision_case',
      entityId: id,
      regionCode: row.regionCode,
      before: { status: row.status, assignee: row.assigneeName, version },
      after: { ...s.set, note: s.note ?? undefined },
    });
  });
  return caseDetail(deps, ctx, id);
}

/** The assignee's name, checked: a township of the case's district, or a department of the district or above. */
async function assigneeOf(deps: Deps, row: repo.CaseRow, kind: AssigneeKind, assigneeId: string) {
  if (kind === 'township') {
    const t = await regions.byCode(deps.db, assigneeId);
    if (!t || t.level !== 'township' || t.countyCode !== row.countyCode)
      throw invalid('assigneeId', 'supervision.error.assigneeUnknown');
    return t.name;
  }
  const d = await directory.departmentById(deps.db, assigneeId);
  const county = row.countyCode ? await regions.byCode(deps.db, row.countyCode) : null;
  const above = [county?.code, county?.cityCode, county?.provinceCode];
  if (!d || !above.includes(d.regionCode)) throw invalid('assigneeId', 'supervision.error.assigneeUnknown');
  return d.name;
}

export async function assign(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: { version: number; assigneeKind: AssigneeKind; assigneeId: string; reason: string },
) {
  return step(deps, ctx, id, 'assign', input.version, async (row) => {
    const again = !!row.assigneeId;
    if (again && !input.reason) throw invalid('reason', 'supervision.error.reasonRequired');
    const name = await assigneeOf(deps, row, input.assigneeKind, input.assigneeId);
    const dueOn = await deadlineFrom(deps, row.countyCode);
    return {
      set: {
        status: 'assigned',
        assigneeKind: input.assigneeKind,
        assigneeId: input.assigneeId,
        assigneeName: name,
        dueOn,
      },
      kind: again ? 'reassigned' : 'assigned',
      note: input.reason || null,
      params: { assignee: name, dueOn, ...(again ? { from: row.assigneeName ?? '' } : {}) },
    };
  });
}

export const investigate = (deps: Deps, ctx: AuthedContext, id: string, input: { version: number; note: string }) =>
  step(deps, ctx, id, 'investigate', input.version, async () => ({
    set: { status: 'investigating', findingNote: input.note },
    kind: 'investigated',
    note: input.note,
  }));

export const correct = (deps: Deps, ctx: AuthedContext, id: string, input: { version: number; note: string }) =>
  step(deps, ctx, id, 'correct', input.version, async () => ({
    set: { status: 'correcting', correction: input.note },
    kind: 'corrected',
    note: input.note,
  }));

export const answer = (
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: { version: number; finding: Finding; text: string },
) =>
  step(deps, ctx, id, 'answer', input.version, async (row, now) => ({
    set: {
      status: 'answered',
      answersJson: JSON.stringify([...answersOf(row), { finding: input.finding, text: input.text, answeredAt: now }]),
      answeredOn: now.slice(0, 10),
    },
    kind: 'answered',
    note: input.text,
    params: { finding: input.finding },
  }));

export const close = (deps: Deps, ctx: AuthedContext, id: string, input: { version: number; note: string }) =>
  step(deps, ctx, id, 'close', input.version, async () => ({
    set: { status: 'closed' },
    kind: 'closed',
    note: input.note || null,
  }));

/** Merges a duplicate into another open case of the same district (the duplicate's reporter sees the other's answers). */
export async function merge(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: { version: number; intoCode: string; reason: string },
) {
  return step(deps, ctx, id, 'merge', input.version, async (row) => {
    const into = await repo.readableByCode(deps.db, ctx.actor, input.intoCode);
    if (!into || into.id === row.id || into.status === 'merged' || !into.countyCode || !row.countyCode)
      throw invalid('intoCode', 'supervision.error.mergeTarget');
    if (!regionCovers({ regionCode: row.countyCode, level: 'county' }, into.regionCode))
      throw invalid('intoCode', 'supervision.error.mergeTarget');
    return {
      set: { status: 'merged', mergedInto: into.id },
      kind: 'merged',
      note: input.reason,
      params: { into: into.code },
    };
  });
}
