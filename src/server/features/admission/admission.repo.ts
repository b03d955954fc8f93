/**
 * All SQL of the admission gate, and the row → domain mapping. Callers own the transaction.
 */
import { sql, type Kysely } from 'kysely';
import './admission.tables.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { containsInsensitive, isUniqueViolation } from '../../db/dialect.js';
import { newId } from '../../core/ids.js';
import type { RegionLevel } from '../../../shared/roles.js';
import { readableFlags, readableRequests, selfAndAncestors, targetMeets } from './admission.policy.js';
import type { RequestContent, RequestKind, RequestStatus, StepName } from './admission.schemas.js';
import type { PrecheckResult } from './admission.precheck.js';
import type { AdmissionRequestTable, AdmissionStepTable } from './admission.tables.js';

export interface AdmissionRequest extends Omit<
  AdmissionRequestTable,
  'contentJson' | 'precheckJson' | 'needsGovernment' | 'status' | 'kind'
> {
  kind: RequestKind;
  status: RequestStatus;
  content: RequestContent;
  precheck: PrecheckResult | null;
  needsGovernment: boolean;
}

export type Step = Omit<AdmissionStepTable, 'step'> & { step: StepName };

export const toRequest = (r: AdmissionRequestTable): AdmissionRequest => {
  const { contentJson, precheckJson, needsGovernment, ...rest } = r;
  return {
    ...rest,
    kind: r.kind as RequestKind,
    status: r.status as RequestStatus,
    content: JSON.parse(contentJson),
    precheck: precheckJson ? JSON.parse(precheckJson) : null,
    needsGovernment: Number(needsGovernment) === 1,
    revision: Number(r.revision),
    version: Number(r.version),
    approvedRevision: r.approvedRevision === null ? null : Number(r.approvedRevision),
  };
};

const toStep = (s: AdmissionStepTable): Step => ({
  ...s,
  step: s.step as StepName,
  revision: Number(s.revision),
  seq: Number(s.seq),
  workingDays: Number(s.workingDays),
});

/** One request the actor may read, or null (invisible and missing look the same). */
export async function findReadable(db: Kysely<DB>, actor: Actor, id: string): Promise<AdmissionRequest | null> {
  const r = await db
    .selectFrom('admissionRequest')
    .selectAll()
    .where('id', '=', id)
    .where(readableRequests(actor))
    .executeTakeFirst();
  return r ? toRequest(r) : null;
}

export async function findById(db: Kysely<DB>, id: string): Promise<AdmissionRequest | null> {
  const r = await db.selectFrom('admissionRequest').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRequest(r) : null;
}

export interface ListFilter {
  status?: RequestStatus;
  kind?: RequestKind;
  q?: string;
  /** Only requests with an open step in one of these (step, region) pairs. */
  awaiting?: { step: StepName; regionCode: string }[];
  /** Only admitted tasks applying to these nodes (the village view). */
  admittedFor?: { regionCode: string; level: RegionLevel }[];
  today?: string;
}

export async function listReadable(db: Kysely<DB>, actor: Actor, f: ListFilter, page: number, pageSize: number) {
  let q = db.selectFrom('admissionRequest').where(readableRequests(actor));
  if (f.status) q = q.where('admissionRequest.status', '=', f.status);
  if (f.kind) q = q.where('admissionRequest.kind', '=', f.kind);
  if (f.q)
    q = q.where((eb) =>
      eb.or([containsInsensitive(eb.ref('admissionRequest.title'), f.q!), eb('admissionRequest.number', '=', f.q!)]),
    );
  if (f.awaiting) {
    const pairs = f.awaiting;
    if (pairs.length === 0) return { total: 0, items: [] as AdmissionRequest[] };
    q = q.where('admissionRequest.status', '=', 'in_review').where((eb) =>
      eb.exists(
        eb
          .selectFrom('admissionStep as s')
          .select(sql`1`.as('one'))
          .whereRef('s.requestId', '=', 'admissionRequest.id')
          .whereRef('s.revision', '=', 'admissionRequest.revision')
          .where('s.status', '=', 'open')
          .where((e) =>
            e.or(pairs.map((p) => e.and([e('s.step', '=', p.step), e('s.regionCode', '=', p.regionCode)]))),
          ),
      ),
    );
  }
  if (f.admittedFor) {
    const nodes = f.admittedFor;
    q = q.where('admissionRequest.status', '=', 'approved').where((eb) => targetMeets(eb, nodes));
    if (f.today) q = q.where('admissionRequest.expiresOn', '>=', f.today);
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .selectAll('admissionRequest')
    .orderBy('admissionRequest.updatedAt', 'desc')
    .orderBy('admissionRequest.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items: rows.map(toRequest) };
}

export async function targetsOf(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return new Map<string, { regionCode: string; regionName: string; level: string }[]>();
  const rows = await db
    .selectFrom('admissionTarget')
    .select(['requestId', 'regionCode', 'regionName', 'level'])
    .where('requestId', 'in', ids)
    .orderBy('regionCode')
    .execute();
  const out = new Map<string, { regionCode: string; regionName: string; level: string }[]>();
  for (const r of rows) {
    let list = out.get(r.requestId);
    if (!list) out.set(r.requestId, (list = []));
    list.push({ regionCode: r.regionCode, regionName: r.regionName, level: r.level });
  }
  return out;
}

export async function openStepsOf(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return new Map<string, Step>();
  const rows = await db
    .selectFrom('admissionStep')
    .selectAll()
    .where('requestId', 'in', ids)
    .where('status', '=', 'open')
    .execute();
  return new Map(rows.map((r) => [r.requestId, toStep(r)]));
}

export async function stepsOf(db: Kysely<DB>, id: string): Promise<Step[]> {
  const rows = await db
    .selectFrom('admissionStep')
    .selectAll()
    .where('requestId', '=', id)
    .orderBy('revision')
    .orderBy('seq')
    .execute();
  return rows.map(toStep);
}

export async function eventsOf(db: Kysely<DB>, id: string) {
  const rows = await db
    .selectFrom('admissionEvent')
    .selectAll()
    .where('requestId', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((e) => ({ ...e, revision: Number(e.revision) }));
}

export async function revisionsOf(db: Kysely<DB>, id: string) {
  const rows = await db
    .selectFrom('admissionRevision')
    .select(['revision', 'contentHash', 'submittedAt', 'submittedByName'])
    .where('requestId', '=', id)
    .orderBy('revision')
    .execute();
  return rows.map((r) => ({ ...r, revision: Number(r.revision) }));
}

export interface TargetRow {
  regionCode: string;
  regionName: string;
  level: RegionLevel;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
}

export async function replaceTargets(db: Kysely<DB>, requestId: string, targets: TargetRow[]) {
  await db.deleteFrom('admissionTarget').where('requestId', '=', requestId).execute();
  for (let i = 0; i < targets.length; i += 200) {
    await db
      .insertInto('admissionTarget')
      .values(targets.slice(i, i + 200).map((t) => ({ id: newId(), requestId, ...t })))
      .execute();
  }
}

/**
 * Next number of a per-scope, per-year sequence. The counter row is created outside the caller's
 * transaction (a unique violation there would abort a PostgreSQL transaction) and incremented inside
 * it, so concurrent callers serialise on the row and never share a number.
 */
export async function ensureCounter(db: Kysely<DB>, scope: string, year: number) {
  const found = await db
    .selectFrom('admissionCounter')
    .select('lastSeq')
    .where('scope', '=', scope)
    .where('year', '=', year)
    .executeTakeFirst();
  if (found) return;
  try {
    await db.insertInto('admissionCounter').values({ scope, year, lastSeq: 0 }).execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}

export async function nextSeq(trx: Kysely<DB>, scope: string, year: number): Promise<number> {
  const row = await trx
    .updateTable('admissionCounter')
    .set((eb) => ({ lastSeq: eb('lastSeq', '+', 1) }))
    .where('scope', '=', scope)
    .where('year', '=', year)
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  return Number(row.lastSeq);
}

/**
 * The race-safe transition: updates the request only if it is still at `version` (and, when given,
 * in `status`). Returns false when another writer got there first.
 */
export async function updateIfVersion(
  trx: Kysely<DB>,
  id: string,
  version: number,
  set: Partial<AdmissionRequestTable>,
  status?: RequestStatus | RequestStatus[],
): Promise<boolean> {
  let q = trx
    .updateTable('admissionRequest')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version);
  if (status) q = Array.isArray(status) ? q.where('status', 'in', status) : q.where('status', '=', status);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function addEvent(
  trx: Kysely<DB>,
  e: {
    requestId: string;
    at: string;
    actor: Actor | null;
    action: string;
    fromStatus: string | null;
    toStatus: string | null;
    revision: number;
    step?: string | null;
    note?: string | null;
  },
) {
  await trx
    .insertInto('admissionEvent')
    .values({
      id: newId(),
      requestId: e.requestId,
      at: e.at,
      actorId: e.actor?.userId ?? null,
      actorName: e.actor?.displayName ?? '系统',
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      revision: e.revision,
      step: e.step ?? null,
      note: e.note ?? null,
    })
    .execute();
}

/** Decided requests whose targets meet the region (the public portal's list). */
export async function publicDecisions(
  db: Kysely<DB>,
  node: { regionCode: string; level: RegionLevel },
  page: number,
  pageSize: number,
) {
  const q = db
    .selectFrom('admissionRequest')
    .where((eb) =>
      eb.or([
        eb('admissionRequest.status', 'in', ['refused', 'rejected']),
        eb.and([
          eb('admissionRequest.status', 'in', ['approved', 'expired', 'withdrawn']),
          eb('admissionRequest.approvedRevision', 'is not', null),
        ]),
      ]),
    )
    .where((eb) =>
      eb.or([
        targetMeets(eb, [node]),
        eb('admissionRequest.regionCode', 'in', selfAndAncestors(node.regionCode, node.level)),
      ]),
    );
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .selectAll('admissionRequest')
    .orderBy('admissionRequest.decidedAt', 'desc')
    .orderBy('admissionRequest.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items: rows.map(toRequest) };
}

export async function findFlagsReadable(
  db: Kysely<DB>,
  actor: Actor,
  f: { departmentId?: string; townshipCode?: string },
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('admissionFlag').where(readableFlags(actor));
  if (f.departmentId) q = q.where('admissionFlag.departmentId', '=', f.departmentId);
  if (f.townshipCode) q = q.where('admissionFlag.townshipCode', '=', f.townshipCode);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const items = await q
    .selectAll('admissionFlag')
    .orderBy('admissionFlag.createdAt', 'desc')
    .orderBy('admissionFlag.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items };
}

export async function countFlagsByDepartment(db: Kysely<DB>, actor: Actor) {
  const rows = await db
    .selectFrom('admissionFlag')
    .where(readableFlags(actor))
    .select([
      'admissionFlag.departmentId',
      'admissionFlag.departmentName',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.max('admissionFlag.receivedOn').as('lastReceivedOn'),
    ])
    .groupBy(['admissionFlag.departmentId', 'admissionFlag.departmentName'])
    .execute();
  return rows
    .map((r) => ({
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      count: Number(r.n),
      lastReceivedOn: (r.lastReceivedOn as string | null) ?? null,
    }))
    .sort((a, b) => b.count - a.count || a.departmentName.localeCompare(b.departmentName, 'zh'));
}

/**
 * Departments a node can name: those registered at the node's county or above. Read-only lookup of the
 * foundation's department table (accounts owns it; its own list is scoped to regions.read, which a
 * village does not hold at county level).
 */
export async function departmentsAbove(db: Kysely<DB>, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('department')
    .select(['id', 'name', 'kind', 'regionCode'])
    .where('regionCode', 'in', codes)
    .orderBy('name')
    .execute();
}

export async function departmentById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('department')
    .select(['id', 'name', 'kind', 'regionCode'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A named reviewer must be an active user holding the role at the node (read-only lookup of the foundation's tables). */
export async function userWithGrant(db: Kysely<DB>, userId: string, role: string, regionCode: string) {
  return db
    .selectFrom('appUser')
    .innerJoin('grant', 'grant.userId', 'appUser.id')
    .select(['appUser.id', 'appUser.displayName'])
    .where('appUser.id', '=', userId)
    .where('appUser.status', '=', 'active')
    .where('grant.role', '=', role)
    .where('grant.regionCode', '=', regionCode)
    .executeTakeFirst();
}

export async function userName(db: Kysely<DB>, userId: string): Promise<string | null> {
  return (
    (await db.selectFrom('appUser').select('displayName').where('id', '=', userId).executeTakeFirst())?.displayName ??
    null
  );
}

export async function settingsOf(db: Kysely<DB>, countyCode: string) {
  return db.selectFrom('admissionSetting').selectAll().where('countyCode', '=', countyCode).executeTakeFirst();
}
