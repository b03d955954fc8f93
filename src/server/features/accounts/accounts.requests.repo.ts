/** The two-person requests' SQL. */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { visibleTo } from '../../core/scope.js';
import type { Role } from '../../../shared/roles.js';
import type { AdminRequest, AdminRequestKind, AdminRequestStatus } from '../../../shared/accounts.js';

type Db = Kysely<DB>;

// ------------------------------------------------------------------------------------------ two-person requests

export async function insertAdminRequest(db: Db, row: DB['adminRequest']) {
  await db.insertInto('adminRequest').values(row).execute();
}

const requestColumns = [
  'adminRequest.id',
  'adminRequest.kind',
  'adminRequest.targetUserId',
  'appUser.username as targetUsername',
  'adminRequest.payloadJson',
  'adminRequest.regionCode',
  'adminRequest.status',
  'adminRequest.requestedBy',
  'adminRequest.requestedByName',
  'adminRequest.requesterRole',
  'adminRequest.requestedAt',
  'adminRequest.expiresAt',
  'adminRequest.decidedByName',
  'adminRequest.decidedAt',
  'adminRequest.note',
  'adminRequest.version',
] as const;

const toRequest = (r: Omit<Selectable<DB['adminRequest']>, 'decidedBy'> & { targetUsername: string }) => ({
  id: r.id,
  kind: r.kind as AdminRequestKind,
  targetUserId: r.targetUserId,
  targetUsername: r.targetUsername,
  payload: JSON.parse(r.payloadJson) as Record<string, unknown>,
  regionCode: r.regionCode,
  status: r.status as AdminRequestStatus,
  requestedBy: r.requestedBy,
  requestedByName: r.requestedByName,
  requesterRole: r.requesterRole as Role,
  requestedAt: r.requestedAt,
  expiresAt: r.expiresAt,
  decidedByName: r.decidedByName,
  decidedAt: r.decidedAt,
  note: r.note,
  version: Number(r.version),
});
export type AdminRequestRecord = AdminRequest & { regionCode: string };

export async function findAdminRequest(db: Db, id: string): Promise<AdminRequestRecord | null> {
  const r = await db
    .selectFrom('adminRequest')
    .innerJoin('appUser', 'appUser.id', 'adminRequest.targetUserId')
    .select(requestColumns)
    .where('adminRequest.id', '=', id)
    .executeTakeFirst();
  return r ? toRequest(r) : null;
}

export async function listAdminRequests(db: Db, actor: Actor, status: AdminRequestStatus | null) {
  let q = db
    .selectFrom('adminRequest')
    .innerJoin('appUser', 'appUser.id', 'adminRequest.targetUserId')
    .innerJoin('region', 'region.code', 'adminRequest.regionCode')
    .select(requestColumns)
    .where(visibleTo(actor, 'admin.requests', 'region'));
  if (status) q = q.where('adminRequest.status', '=', status);
  return (await q.orderBy('adminRequest.requestedAt', 'desc').limit(200).execute()).map(toRequest);
}

/** Same pending request already open (same kind, target and payload)? */
export const openDuplicate = (db: Db, kind: string, targetUserId: string, payloadJson: string, now: string) =>
  db
    .selectFrom('adminRequest')
    .select('id')
    .where('kind', '=', kind)
    .where('targetUserId', '=', targetUserId)
    .where('payloadJson', '=', payloadJson)
    .where('status', '=', 'pending')
    .where('expiresAt', '>', now)
    .executeTakeFirst();

export async function decideAdminRequest(
  db: Db,
  id: string,
  version: number,
  patch: {
    status: AdminRequestStatus;
    decidedBy: string;
    decidedByName: string;
    decidedAt: string;
    note: string | null;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('adminRequest')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
