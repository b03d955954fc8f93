/**
 * The SQL of what the desk records besides certificates: refusal slips and promise forms (cases), the
 * certificates bodies still demand (evidence for supervision), and the district's 告知承诺 item flags.
 * Callers own the transaction. Cases are read through their masked columns only.
 */
import type { Kysely } from 'kysely';
import './certificates.tables.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { visibleTo } from '../../core/scope.js';
import { paginate, type PageRequest } from '../../db/paginate.js';
import type { CaseKind, CertificateVerdict, DemanderKind } from '../../../shared/certificates.js';
import type {
  CertificateCaseTable,
  CertificateDemandTable,
  CertificatePromiseItemTable,
} from './certificates.tables.js';

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
export type CaseRow = Omit<Pick<CertificateCaseTable, (typeof CASE_LIST_COLUMNS)[number]>, 'kind' | 'verdict'> & {
  kind: CaseKind;
  verdict: CertificateVerdict;
};
const toCase = (r: Pick<CertificateCaseTable, (typeof CASE_LIST_COLUMNS)[number]>): CaseRow => ({
  ...r,
  kind: r.kind as CaseKind,
  verdict: r.verdict as CertificateVerdict,
});

export async function listCases(db: Kysely<DB>, actor: Actor, kind: CaseKind, p: PageRequest) {
  const q = db.selectFrom('certificateCase').where(visibleTo(actor, 'certificates.read')).where('kind', '=', kind);
  const { total, items } = await paginate(q, p, (b) =>
    b.select(CASE_LIST_COLUMNS).orderBy('createdAt', 'desc').orderBy('id', 'desc'),
  );
  return { total, items: items.map(toCase) };
}

export async function findCase(db: Kysely<DB>, actor: Actor, id: string, kind: CaseKind) {
  const r = await db
    .selectFrom('certificateCase')
    .select(CASE_LIST_COLUMNS)
    .where('id', '=', id)
    .where('kind', '=', kind)
    .where(visibleTo(actor, 'certificates.read'))
    .executeTakeFirst();
  return r && toCase(r);
}

export async function insertCase(trx: Kysely<DB>, c: CertificateCaseTable) {
  await trx.insertInto('certificateCase').values(c).execute();
}

// ───────────────────────────── certificates still demanded ─────────────────────────────

export type DemandRow = Omit<CertificateDemandTable, 'demanderKind'> & { demanderKind: DemanderKind };
const toDemand = (d: CertificateDemandTable): DemandRow => ({ ...d, demanderKind: d.demanderKind as DemanderKind });

export async function insertDemand(trx: Kysely<DB>, d: CertificateDemandTable) {
  await trx.insertInto('certificateDemand').values(d).execute();
}

export async function demandById(db: Kysely<DB>, id: string) {
  return toDemand(await db.selectFrom('certificateDemand').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export async function listDemands(
  db: Kysely<DB>,
  actor: Actor,
  f: { demanderKey?: string; delistedOnly?: boolean },
  p: PageRequest,
) {
  let q = db.selectFrom('certificateDemand').where(visibleTo(actor, 'certificates.read'));
  if (f.demanderKey) q = q.where('demanderKey', '=', f.demanderKey);
  if (f.delistedOnly) q = q.where('itemKind', '=', 'negative_certificate');
  const { total, items } = await paginate(q, p, (b) =>
    b.selectAll().orderBy('demandedOn', 'desc').orderBy('id', 'desc'),
  );
  return { total, items: items.map(toDemand) };
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
      demanderKind: String(r.demanderKind) as DemanderKind,
      count: Number(r.n),
      delisted: Number(r.delisted ?? 0),
      lastDemandedOn: String(r.lastDemandedOn),
    }))
    .sort((a, b) => b.delisted - a.delisted || b.count - a.count || a.demanderName.localeCompare(b.demanderName, 'zh'));
}

// ───────────────────────────── 告知承诺 item flags ─────────────────────────────

const toPromiseItem = (r: CertificatePromiseItemTable) => ({
  itemCode: r.itemCode,
  itemName: r.itemName,
  enabled: Number(r.enabled) === 1,
  basis: r.basis,
  updatedByName: r.updatedByName,
  updatedAt: r.updatedAt,
  version: Number(r.version),
});
export type PromiseItem = ReturnType<typeof toPromiseItem>;

export async function promiseItems(db: Kysely<DB>, countyCode: string) {
  const rows = await db
    .selectFrom('certificatePromiseItem')
    .selectAll()
    .where('countyCode', '=', countyCode)
    .orderBy('itemCode')
    .execute();
  return rows.map(toPromiseItem);
}

export async function promiseItem(db: Kysely<DB>, countyCode: string, itemCode: string) {
  const r = await db
    .selectFrom('certificatePromiseItem')
    .selectAll()
    .where('countyCode', '=', countyCode)
    .where('itemCode', '=', itemCode)
    .executeTakeFirst();
  return r && toPromiseItem(r);
}

/**
 * Writes an item's flag over the one at `version`, or as the first (version null); false when another
 * writer got there first.
 */
export async function savePromiseItem(
  trx: Kysely<DB>,
  countyCode: string,
  version: number | null,
  s: { itemCode: string; itemName: string; enabled: boolean; basis: string; updatedByName: string; updatedAt: string },
) {
  const values = { ...s, enabled: s.enabled ? 1 : 0 };
  if (version === null) {
    await trx
      .insertInto('certificatePromiseItem')
      .values({ countyCode, ...values, version: 1 })
      .execute();
    return true;
  }
  const res = await trx
    .updateTable('certificatePromiseItem')
    .set({ ...values, version: version + 1 })
    .where('countyCode', '=', countyCode)
    .where('itemCode', '=', s.itemCode)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
