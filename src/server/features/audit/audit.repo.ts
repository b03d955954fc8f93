/** The audit trail's SQL for the auditor: a filtered page, newest first, and the export's batches. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { containsInsensitive } from '../../db/dialect.js';
import { paginate, type PageRequest } from '../../db/paginate.js';

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  outcome?: 'success' | 'failure';
  from?: string;
  to?: string;
}

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('auditLog');
  if (f.actor) q = q.where((eb) => containsInsensitive(eb.ref('actorName'), f.actor!));
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entityId', '=', f.entityId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('ts', '>=', f.from);
  if (f.to) q = q.where('ts', '<=', f.to);
  return q;
}

/** One page of the filtered trail, newest first. */
export const auditPage = (db: Kysely<DB>, f: AuditFilter, p: PageRequest) =>
  paginate(filtered(db, f), p, (q) => q.selectAll().orderBy('seq', 'desc'));

/** The next `limit` rows of the filtered trail below `beforeSeq`, newest first. */
export const auditRowsBefore = (db: Kysely<DB>, f: AuditFilter, beforeSeq: number, limit: number) =>
  filtered(db, f).selectAll().where('seq', '<', beforeSeq).orderBy('seq', 'desc').limit(limit).execute();
