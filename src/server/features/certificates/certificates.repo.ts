/**
 * The SQL of issued certificates: the register, one certificate, its record of events, serial numbers,
 * printing, revocation and public verification. Callers own the transaction. List queries select only
 * masked columns; ciphertext is read only by the audited print and unmask use cases.
 */
import type { Kysely } from 'kysely';
import './certificates.tables.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { visibleTo } from '../../core/scope.js';
import { newId } from '../../core/ids.js';
import { containsInsensitive, isUniqueViolation } from '../../db/dialect.js';
import { given, paginate, type PageRequest } from '../../db/paginate.js';
import type { CertificateEvent, CertificateStatus, IssuePath } from '../../../shared/certificates.js';
import type { CertificateTable } from './certificates.tables.js';

/** Columns safe for lists and exports: no ciphertext, no blind index, no verification code. */
export const LIST_COLUMNS = [
  'id',
  'serial',
  'year',
  'regionCode',
  'regionName',
  'townshipCode',
  'requestText',
  'itemCode',
  'itemName',
  'path',
  'catalogVersionId',
  'holderNameMasked',
  'idNumberMasked',
  'phoneMasked',
  'purpose',
  'demander',
  'basis',
  'signerName',
  'status',
  'issuedByName',
  'issuedAt',
  'issuedOn',
  'revokedAt',
  'revokedByName',
  'revokeReason',
  'printCount',
  'version',
] as const;

type Typed<T extends { path: string; status: string; year: number; printCount: number; version: number }> = Omit<
  T,
  'path' | 'status'
> & { path: IssuePath; status: CertificateStatus };
export type CertificateListRow = Typed<Pick<CertificateTable, (typeof LIST_COLUMNS)[number]>>;
export type CertificateRow = Typed<CertificateTable>;

/** Codes typed, numbers as numbers (PostgreSQL returns some as strings). */
const toRow = <T extends { path: string; status: string; year: number; printCount: number; version: number }>(
  r: T,
): Typed<T> => ({
  ...r,
  path: r.path as IssuePath,
  status: r.status as CertificateStatus,
  year: Number(r.year),
  printCount: Number(r.printCount),
  version: Number(r.version),
});

export async function findVisible(db: Kysely<DB>, actor: Actor, id: string): Promise<CertificateRow | undefined> {
  const r = await db
    .selectFrom('certificate')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'certificates.read'))
    .executeTakeFirst();
  return r && toRow(r);
}

export interface RegisterFilter {
  q?: string;
  nameIndex?: string;
  idIndex?: string;
  phoneIndex?: string;
  status?: CertificateStatus;
  path?: IssuePath;
  from?: string;
  to?: string;
  villageCode?: string;
}

function filtered(db: Kysely<DB>, actor: Actor, f: RegisterFilter) {
  let q = db.selectFrom('certificate').where(visibleTo(actor, 'certificates.read'));
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        eb('serial', '=', f.q!),
        containsInsensitive(eb.ref('itemName'), f.q!),
        containsInsensitive(eb.ref('purpose'), f.q!),
        containsInsensitive(eb.ref('demander'), f.q!),
      ]),
    );
  const equal = {
    holderNameIndex: f.nameIndex,
    idNumberIndex: f.idIndex,
    phoneIndex: f.phoneIndex,
    status: f.status,
    path: f.path,
    villageCode: f.villageCode,
  };
  q = q.where((eb) => eb.and(given(equal)));
  if (f.from) q = q.where('issuedOn', '>=', f.from);
  if (f.to) q = q.where('issuedOn', '<=', f.to);
  return q;
}

export async function listVisible(db: Kysely<DB>, actor: Actor, f: RegisterFilter, p: PageRequest) {
  const { total, items } = await paginate(filtered(db, actor, f), p, (b) =>
    b.select(LIST_COLUMNS).orderBy('issuedAt', 'desc').orderBy('id', 'desc'),
  );
  return { total, items: items.map(toRow) };
}

/** Streams the filtered register in pages (masked columns only). */
export async function* streamVisible(
  db: Kysely<DB>,
  actor: Actor,
  f: RegisterFilter,
  max = 200_000,
): AsyncGenerator<CertificateListRow> {
  let sent = 0;
  let cursor: { issuedAt: string; id: string } | null = null;
  while (sent < max) {
    let q = filtered(db, actor, f);
    if (cursor) {
      const c = cursor;
      q = q.where((eb) =>
        eb.or([eb('issuedAt', '<', c.issuedAt), eb.and([eb('issuedAt', '=', c.issuedAt), eb('id', '<', c.id)])]),
      );
    }
    const rows = await q.select(LIST_COLUMNS).orderBy('issuedAt', 'desc').orderBy('id', 'desc').limit(1000).execute();
    if (!rows.length) return;
    for (const r of rows) yield toRow(r);
    sent += rows.length;
    const last = rows[rows.length - 1];
    cursor = { issuedAt: last.issuedAt, id: last.id };
  }
}

export async function insertCertificate(trx: Kysely<DB>, c: CertificateTable) {
  await trx.insertInto('certificate').values(c).execute();
}

/** Counts one more printed copy of a valid certificate; its copy number, or null when it was revoked meanwhile. */
export async function countPrint(trx: Kysely<DB>, id: string, now: string): Promise<number | null> {
  const res = await trx
    .updateTable('certificate')
    .set((eb) => ({ printCount: eb('printCount', '+', 1), updatedAt: now }))
    .where('id', '=', id)
    .where('status', '=', 'valid')
    .returning('printCount')
    .executeTakeFirst();
  return res ? Number(res.printCount) : null;
}

/** Revokes a valid certificate still at `version`; false when another writer got there first. */
export async function revokeIfVersion(
  trx: Kysely<DB>,
  id: string,
  version: number,
  r: { at: string; byName: string; reason: string },
) {
  const res = await trx
    .updateTable('certificate')
    .set({
      status: 'revoked',
      revokedAt: r.at,
      revokedByName: r.byName,
      revokeReason: r.reason,
      updatedAt: r.at,
      version: version + 1,
    })
    .where('id', '=', id)
    .where('status', '=', 'valid')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** What public verification may read of a certificate: no personal data beyond the masked name. */
export async function byVerificationCode(db: Kysely<DB>, code: string) {
  const c = await db
    .selectFrom('certificate')
    .select([
      'id',
      'serial',
      'itemName',
      'regionCode',
      'regionName',
      'issuedOn',
      'holderNameMasked',
      'status',
      'revokedAt',
    ])
    .where('verificationCode', '=', code)
    .executeTakeFirst();
  return c && { ...c, status: c.status as CertificateStatus };
}

// ───────────────────────────── the record of events ─────────────────────────────

export async function eventsOf(db: Kysely<DB>, id: string) {
  const rows = await db
    .selectFrom('certificateEvent')
    .select(['at', 'kind', 'actorName', 'copyNo', 'note'])
    .where('certificateId', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((e) => ({
    ...e,
    kind: e.kind as CertificateEvent,
    copyNo: e.copyNo === null ? null : Number(e.copyNo),
  }));
}

export async function addEvent(
  trx: Kysely<DB>,
  e: {
    certificateId: string;
    at: string;
    kind: CertificateEvent;
    actor: Actor | null;
    copyNo?: number | null;
    note?: string | null;
  },
) {
  await trx
    .insertInto('certificateEvent')
    .values({
      id: newId(),
      certificateId: e.certificateId,
      at: e.at,
      kind: e.kind,
      actorId: e.actor?.userId ?? null,
      actorName: e.actor?.displayName ?? null,
      copyNo: e.copyNo ?? null,
      note: e.note ?? null,
    })
    .execute();
}

// ───────────────────────────── numbers ─────────────────────────────

/**
 * Serial numbers per village, year and kind. The counter row is created outside the caller's
 * transaction (a unique violation inside would abort a PostgreSQL transaction) and incremented inside
 * it, so concurrent issues serialise on the row and never share a number.
 */
export async function ensureCounter(db: Kysely<DB>, regionCode: string, year: number, kind: string) {
  const found = await db
    .selectFrom('certificateCounter')
    .select('lastSeq')
    .where((eb) => eb.and({ regionCode, year, kind }))
    .executeTakeFirst();
  if (found) return;
  try {
    await db.insertInto('certificateCounter').values({ regionCode, year, kind, lastSeq: 0 }).execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}

export async function nextSeq(trx: Kysely<DB>, regionCode: string, year: number, kind: string): Promise<number> {
  const row = await trx
    .updateTable('certificateCounter')
    .set((eb) => ({ lastSeq: eb('lastSeq', '+', 1) }))
    .where('regionCode', '=', regionCode)
    .where('year', '=', year)
    .where('kind', '=', kind)
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  return Number(row.lastSeq);
}
