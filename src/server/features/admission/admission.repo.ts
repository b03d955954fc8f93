/**
 * The SQL of admission requests and what hangs off them (targets, submitted revisions, the timeline, the
 * per-district number sequence), and the row → domain mapping. Steps, settings, reminders and flags have
 * their own repositories; the read-scope conditions are in admission.scope.repo.ts. Callers own the
 * transaction.
 */
import { sql, type Kysely } from 'kysely';
import './admission.tables.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { containsInsensitive, isUniqueViolation } from '../../db/dialect.js';
import { paginate, type PageRequest } from '../../db/paginate.js';
import { newId } from '../../core/ids.js';
import { zh } from '../../../shared/i18n.js';
import type { RegionLevel } from '../../../shared/roles.js';
import type {
  EventAction,
  PrecheckOutcome,
  RequestContent,
  RequestEvent,
  RequestKind,
  RequestStatus,
  StepName,
} from '../../../shared/admission.js';
import { selfAndAncestors } from './admission.policy.js';
import { readableRequests, targetMeets } from './admission.scope.repo.js';
import { storedPrecheck, type PrecheckResult } from './admission.findings.js';
import type { AdmissionRequestTable } from './admission.tables.js';

export interface AdmissionRequest extends Omit<
  AdmissionRequestTable,
  'contentJson' | 'precheckJson' | 'needsGovernment' | 'status' | 'kind' | 'precheckOutcome' | 'currentStep'
> {
  kind: RequestKind;
  status: RequestStatus;
  precheckOutcome: PrecheckOutcome | null;
  currentStep: StepName | null;
  content: RequestContent;
  precheck: PrecheckResult | null;
  needsGovernment: boolean;
}

export const toRequest = (r: AdmissionRequestTable): AdmissionRequest => {
  const { contentJson, precheckJson, needsGovernment, ...rest } = r;
  return {
    ...rest,
    kind: r.kind as RequestKind,
    status: r.status as RequestStatus,
    precheckOutcome: r.precheckOutcome as PrecheckOutcome | null,
    currentStep: r.currentStep as StepName | null,
    content: JSON.parse(contentJson),
    precheck: precheckJson ? storedPrecheck(precheckJson) : null,
    needsGovernment: Number(needsGovernment) === 1,
    revision: Number(r.revision),
    version: Number(r.version),
    approvedRevision: r.approvedRevision === null ? null : Number(r.approvedRevision),
  };
};

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

export async function listReadable(db: Kysely<DB>, actor: Actor, f: ListFilter, p: PageRequest) {
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
            e.or(pairs.map((x) => e.and([e('s.step', '=', x.step), e('s.regionCode', '=', x.regionCode)]))),
          ),
      ),
    );
  }
  if (f.admittedFor) {
    const nodes = f.admittedFor;
    q = q.where('admissionRequest.status', '=', 'approved').where((eb) => targetMeets(eb, nodes));
    if (f.today) q = q.where('admissionRequest.expiresOn', '>=', f.today);
  }
  const { total, items } = await paginate(q, p, (b) =>
    b
      .selectAll('admissionRequest')
      .orderBy('admissionRequest.updatedAt', 'desc')
      .orderBy('admissionRequest.id', 'desc'),
  );
  return { total, items: items.map(toRequest) };
}

/** Decided requests whose targets meet the region (the public portal's list). */
export async function publicDecisions(
  db: Kysely<DB>,
  node: { regionCode: string; level: RegionLevel },
  p: PageRequest,
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
  const { total, items } = await paginate(q, p, (b) =>
    b
      .selectAll('admissionRequest')
      .orderBy('admissionRequest.decidedAt', 'desc')
      .orderBy('admissionRequest.id', 'desc'),
  );
  return { total, items: items.map(toRequest) };
}

/** The columns a draft leaves empty until it is submitted and decided. */
const UNDECIDED = {
  precheckJson: null,
  precheckOutcome: null,
  catalogVersionId: null,
  currentStep: null,
  decision: null,
  decisionReason: null,
  conditions: null,
  decidedAt: null,
  decidedOn: null,
  decidedBy: null,
  decidedByName: null,
  decidedByBody: null,
  approvedRevision: null,
  approvedHash: null,
  effectiveFrom: null,
  expiresOn: null,
  withdrawnAt: null,
  withdrawnByName: null,
  withdrawReason: null,
  adjustmentId: null,
  adjustmentNote: null,
  submittedAt: null,
} as const;
export type NewRequest = Omit<
  AdmissionRequestTable,
  keyof typeof UNDECIDED | 'revision' | 'status' | 'needsGovernment' | 'updatedAt' | 'version'
>;

/** A new draft (revision 1, nothing decided). */
export async function insertRequest(trx: Kysely<DB>, r: NewRequest) {
  await trx
    .insertInto('admissionRequest')
    .values({
      ...r,
      ...UNDECIDED,
      revision: 1,
      status: 'draft',
      needsGovernment: 0,
      updatedAt: r.createdAt,
      version: 1,
    })
    .execute();
}

/** The columns a transition sets. */
export type RequestChange = Partial<AdmissionRequestTable>;

/**
 * The race-safe transition: updates the request only if it is still at the version read (and, when given,
 * in `status`). Returns false when another writer got there first.
 */
export async function updateIfVersion(
  trx: Kysely<DB>,
  r: { id: string; version: number },
  set: RequestChange,
  status?: RequestStatus | RequestStatus[],
): Promise<boolean> {
  let q = trx
    .updateTable('admissionRequest')
    .set({ ...set, version: r.version + 1 })
    .where('id', '=', r.id)
    .where('version', '=', r.version);
  if (status) q = Array.isArray(status) ? q.where('status', 'in', status) : q.where('status', '=', status);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Links the catalog adjustment an admitted request produced (once). */
export async function setAdjustment(
  trx: Kysely<DB>,
  id: string,
  adjustmentId: string | null,
  note: string,
  now: string,
) {
  await trx
    .updateTable('admissionRequest')
    .set({ adjustmentId, adjustmentNote: note, updatedAt: now })
    .where('id', '=', id)
    .where('adjustmentId', 'is', null)
    .execute();
}

// ───────────────────────────── targets ─────────────────────────────

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
export type Target = { regionCode: string; regionName: string; level: string };

export async function targetsOf(db: Kysely<DB>, ids: string[]) {
  const out = new Map<string, Target[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('admissionTarget')
    .select(['requestId', 'regionCode', 'regionName', 'level'])
    .where('requestId', 'in', ids)
    .orderBy('regionCode')
    .execute();
  for (const r of rows) {
    let list = out.get(r.requestId);
    if (!list) out.set(r.requestId, (list = []));
    list.push({ regionCode: r.regionCode, regionName: r.regionName, level: r.level });
  }
  return out;
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

// ───────────────────────────── revisions and the timeline ─────────────────────────────

export async function insertRevision(
  trx: Kysely<DB>,
  r: { requestId: string; revision: number; content: RequestContent; hash: string; at: string; by: Actor },
) {
  await trx
    .insertInto('admissionRevision')
    .values({
      id: newId(),
      requestId: r.requestId,
      revision: r.revision,
      contentJson: JSON.stringify(r.content),
      contentHash: r.hash,
      submittedAt: r.at,
      submittedBy: r.by.userId,
      submittedByName: r.by.displayName,
    })
    .execute();
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

export async function eventsOf(db: Kysely<DB>, id: string) {
  const rows = await db
    .selectFrom('admissionEvent')
    .selectAll()
    .where('requestId', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((e): RequestEvent => ({
    at: e.at,
    actorName: e.actorName,
    action: e.action as EventAction,
    fromStatus: e.fromStatus as RequestStatus | null,
    toStatus: e.toStatus as RequestStatus | null,
    revision: Number(e.revision),
    step: e.step as StepName | null,
    note: e.note,
  }));
}

/**
 * An entry of a request's timeline. The request's own status and revision are the defaults: `from` and
 * `to` name a transition; a null actor is the system.
 */
export async function addEvent(
  trx: Kysely<DB>,
  r: { id: string; status: RequestStatus; revision: number },
  e: {
    at: string;
    actor: Actor | null;
    action: EventAction;
    from?: RequestStatus | null;
    to?: RequestStatus;
    step?: StepName;
    note?: string | null;
  },
) {
  await trx
    .insertInto('admissionEvent')
    .values({
      id: newId(),
      requestId: r.id,
      at: e.at,
      actorId: e.actor?.userId ?? null,
      actorName: e.actor?.displayName ?? zh('admission.text.system'),
      action: e.action,
      fromStatus: e.from === undefined ? r.status : e.from,
      toStatus: e.to ?? r.status,
      revision: r.revision,
      step: e.step ?? null,
      note: e.note ?? null,
    })
    .execute();
}

// ───────────────────────────── numbers ─────────────────────────────

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
