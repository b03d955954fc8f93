/**
 * All SQL of the certificate desk. Callers own the transaction. List queries select only masked
 * columns; ciphertext is read only by the audited print and unmask use cases.
 */
import type { Kysely } from 'kysely';
import './certificates.tables.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { visibleTo } from '../../core/scope.js';
import { containsInsensitive, isUniqueViolation } from '../../db/dialect.js';
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
export type CertificateListRow = Pick<CertificateTable, (typeof LIST_COLUMNS)[number]>;

export async function findVisible(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('certificate')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'certificates.read'))
    .executeTakeFirst();
}

export interface RegisterFilter {
  q?: string;
  nameIndex?: string;
  idIndex?: string;
  phoneIndex?: string;
  status?: 'valid' | 'revoked';
  path?: 'catalog' | 'deliberation';
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
  if (f.nameIndex) q = q.where('holderNameIndex', '=', f.nameIndex);
  if (f.idIndex) q = q.where('idNumberIndex', '=', f.idIndex);
  if (f.phoneIndex) q = q.where('phoneIndex', '=', f.phoneIndex);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.path) q = q.where('path', '=', f.path);
  if (f.from) q = q.where('issuedOn', '>=', f.from);
  if (f.to) q = q.where('issuedOn', '<=', f.to);
  if (f.villageCode) q = q.where('villageCode', '=', f.villageCode);
  return q;
}

export async function listVisible(db: Kysely<DB>, actor: Actor, f: RegisterFilter, page: number, pageSize: number) {
  const q = filtered(db, actor, f);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const items = await q
    .select(LIST_COLUMNS)
    .orderBy('issuedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items };
}

/** Streams the filtered register in pages (masked columns only). */
export async function* streamVisible(db: Kysely<DB>, actor: Actor, f: RegisterFilter, max = 200_000) {
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
    for (const r of rows) yield r;
    sent += rows.length;
    const last = rows[rows.length - 1];
    cursor = { issuedAt: last.issuedAt, id: last.id };
  }
}

export async function eventsOf(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('certificateEvent')
    .select(['at', 'kind', 'actorName', 'copyNo', 'note'])
    .where('certificateId', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/**
 * Serial numbers per village, year and kind. The counter row is created outside the caller's
 * transaction (a unique violation inside would abort a PostgreSQL transaction) and incremented inside
 * it, so concurrent issues serialise on the row and never share a number.
 */
export async function ensureCounter(db: Kysely<DB>, regionCode: string, year: number, kind: string) {
  const found = await db
    .selectFrom('certificateCounter')
    .select('lastSeq')
    .where('regionCode', '=', regionCode)
    .where('year', '=', year)
    .where('kind', '=', kind)
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

export const CASE_LIST_COLUMNS = [
  'id',
  'number',
  'kind',
  'regionCode',
  'regionName',
  'requestText',
  'verdict',
  'itemCode',
  'itemName',
  'itemKind',
  'catalogId',
  'catalogTitle',
  'itemBasis',
  'catalogVersionId',
  'alternativeChannel',
  'guidance',
  'reason',
  'holderNameMasked',
  'idNumberMasked',
  'phoneMasked',
  'purpose',
  'demander',
  'promiseText',
  'createdByName',
  'createdAt',
  'createdOn',
] as const;

export async function listCases(
  db: Kysely<DB>,
  actor: Actor,
  kind: 'refusal' | 'promise',
  page: number,
  pageSize: number,
) {
  const q = db.selectFrom('certificateCase').where(visibleTo(actor, 'certificates.read')).where('kind', '=', kind);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const items = await q
    .select(CASE_LIST_COLUMNS)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items };
}

export async function findCase(db: Kysely<DB>, actor: Actor, id: string, kind: 'refusal' | 'promise') {
  return db
    .selectFrom('certificateCase')
    .select(CASE_LIST_COLUMNS)
    .where('id', '=', id)
    .where('kind', '=', kind)
    .where(visibleTo(actor, 'certificates.read'))
    .executeTakeFirst();
}

export async function listDemands(
  db: Kysely<DB>,
  actor: Actor,
  f: { demanderKey?: string; delistedOnly?: boolean },
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('certificateDemand').where(visibleTo(actor, 'certificates.read'));
  if (f.demanderKey) q = q.where('demanderKey', '=', f.demanderKey);
  if (f.delistedOnly) q = q.where('itemKind', '=', 'negative_certificate');
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const items = await q
    .selectAll()
    .orderBy('demandedOn', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items };
}

export async function countDemandsByDemander(db: Kysely<DB>, actor: Actor) {
  const rows = await db
    .selectFrom('certificateDemand')
    .where(visibleTo(actor, 'certificates.read'))
    .select([
      'demanderKey',
      (eb) => eb.fn.min('demanderName').as('demanderName'),
      (eb) => eb.fn.min('demanderKind').as('demanderKind'),
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) =>
        eb.fn.sum<number>(eb.case().when('itemKind', '=', 'negative_certificate').then(1).else(0).end()).as('delisted'),
      (eb) => eb.fn.max('demandedOn').as('lastDemandedOn'),
    ])
    .groupBy('demanderKey')
    .execute();
  return rows
    .map((r) => ({
      demanderKey: r.demanderKey,
      demanderName: String(r.demanderName),
      demanderKind: String(r.demanderKind),
      count: Number(r.n),
      delisted: Number(r.delisted ?? 0),
      lastDemandedOn: String(r.lastDemandedOn),
    }))
    .sort((a, b) => b.delisted - a.delisted || b.count - a.count || a.demanderName.localeCompare(b.demanderName, 'zh'));
}

export async function promiseItems(db: Kysely<DB>, countyCode: string) {
  return db
    .selectFrom('certificatePromiseItem')
    .selectAll()
    .where('countyCode', '=', countyCode)
    .orderBy('itemCode')
    .execute();
}

export async function promiseItem(db: Kysely<DB>, countyCode: string, itemCode: string) {
  return db
    .selectFrom('certificatePromiseItem')
    .selectAll()
    .where('countyCode', '=', countyCode)
    .where('itemCode', '=', itemCode)
    .executeTakeFirst();
}
