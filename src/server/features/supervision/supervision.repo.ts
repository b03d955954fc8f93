/**
 * The SQL of supervision cases: region scope in SQL (`readableCases`), version-checked updates, the
 * append-only step log and the photos. Callers hand in a transaction where a write must be atomic.
 */
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import './supervision.tables.js';
import type { DB } from '../../db/schema.js';
import { grantsWith, type Actor } from '../../core/actor.js';
import { LEVEL_COLUMN } from '../../core/scope.js';
import { paginate, type PageRequest } from '../../db/paginate.js';
import { newId } from '../../core/ids.js';
import type { CaseStatus } from '../../../shared/supervision.js';
import type { SupervisionCaseTable } from './supervision.tables.js';

type Db = Kysely<DB>;
export type CaseRow = SupervisionCaseTable;

/**
 * Which cases an actor reads: the district handler every case in its area; a township the cases assigned
 * to it; a department the cases assigned to it within its area. No grant, no rows.
 */
export function readableCases(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'supervisionCase'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (const g of grantsWith(actor, 'supervision.handle'))
      ors.push(eb(`supervisionCase.${LEVEL_COLUMN[g.level]}`, '=', g.regionCode));
    for (const g of grantsWith(actor, 'supervision.answer')) {
      if (g.role === 'township_officer')
        ors.push(
          eb.and([
            eb('supervisionCase.assigneeKind', '=', 'township'),
            eb('supervisionCase.assigneeId', '=', g.regionCode),
          ]),
        );
      else if (g.role === 'department_officer' && actor.departmentId)
        ors.push(
          eb.and([
            eb('supervisionCase.assigneeKind', '=', 'department'),
            eb('supervisionCase.assigneeId', '=', actor.departmentId),
            eb(`supervisionCase.${LEVEL_COLUMN[g.level]}`, '=', g.regionCode),
          ]),
        );
    }
    if (ors.length === 0) return sql<SqlBool>`1 = 0`;
    return ors.length === 1 ? ors[0] : eb.or(ors);
  };
}

export async function insertCase(db: Db, row: Omit<CaseRow, 'version'>) {
  await db
    .insertInto('supervisionCase')
    .values({ ...row, version: 1 })
    .execute();
}

export const caseById = (db: Db, id: string) =>
  db.selectFrom('supervisionCase').selectAll().where('id', '=', id).executeTakeFirst();

export const caseByCode = (db: Db, code: string) =>
  db.selectFrom('supervisionCase').selectAll().where('code', '=', code).executeTakeFirst();

export const caseByFlag = (db: Db, flagId: string) =>
  db.selectFrom('supervisionCase').selectAll().where('flagId', '=', flagId).executeTakeFirst();

export async function readableCase(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('supervisionCase')
    .selectAll()
    .where('id', '=', id)
    .where(readableCases(actor))
    .executeTakeFirst();
}

export async function readableByCode(db: Db, actor: Actor, code: string) {
  return db
    .selectFrom('supervisionCase')
    .selectAll()
    .where('code', '=', code)
    .where(readableCases(actor))
    .executeTakeFirst();
}

export interface CaseFilter {
  status?: CaseStatus;
  category?: string;
  overdueOn?: string;
  q?: string;
}

export async function findCases(db: Db, actor: Actor, f: CaseFilter, p: PageRequest) {
  let q = db.selectFrom('supervisionCase').where(readableCases(actor));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.overdueOn)
    q = q.where('status', 'in', ['assigned', 'investigating', 'correcting']).where('dueOn', '<', f.overdueOn);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) =>
      eb.or([eb('code', '=', f.q!.toUpperCase()), eb('regionName', 'like', like), eb('bodyConcerned', 'like', like)]),
    );
  }
  return paginate(q, p, (b) => b.selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc'));
}

/** Reports from one address since `since` (the per-address limit). */
export async function countFromAddress(db: Db, addressHash: string, since: string) {
  const r = await db
    .selectFrom('supervisionCase')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('addressHash', '=', addressHash)
    .where('createdAt', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Updates a case if its version is still `version`; false when someone else changed it first. */
export async function updateCase(db: Db, id: string, version: number, set: Partial<CaseRow>) {
  const res = await db
    .updateTable('supervisionCase')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function addStep(
  db: Db,
  s: {
    caseId: string;
    kind: string;
    at: string;
    actorId: string | null;
    actorName: string | null;
    note?: string | null;
    params?: Record<string, string>;
  },
) {
  const last = await db
    .selectFrom('supervisionStep')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('caseId', '=', s.caseId)
    .executeTakeFirst();
  await db
    .insertInto('supervisionStep')
    .values({
      id: newId(),
      caseId: s.caseId,
      seq: Number(last?.m ?? 0) + 1,
      kind: s.kind,
      at: s.at,
      actorId: s.actorId,
      actorName: s.actorName,
      note: s.note ?? null,
      paramsJson: JSON.stringify(s.params ?? {}),
    })
    .execute();
}

export const stepsOf = (db: Db, caseId: string) =>
  db.selectFrom('supervisionStep').selectAll().where('caseId', '=', caseId).orderBy('seq').execute();

export async function addPhoto(db: Db, caseId: string, fileId: string, seq: number) {
  await db.insertInto('supervisionPhoto').values({ caseId, fileId, seq }).execute();
}

export async function photosOf(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('supervisionPhoto')
    .select('fileId')
    .where('caseId', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.fileId);
}
