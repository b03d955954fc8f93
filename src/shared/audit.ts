// The audit trail's API contract: the query filter, one trail row, one page, the chain check.
import { z } from './zod.js';
import { pageFields, pageOf } from './common.js';

export const auditFilterQuery = z.strictObject({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(100).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.string().max(30).optional(),
  to: z.string().max(30).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterQuery>;
export const auditListQuery = auditFilterQuery.extend(pageFields(200, 50));

export const auditRowSchema = z.object({
  seq: z.number(),
  id: z.string(),
  ts: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
  keyId: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;
export const auditPageSchema = pageOf(auditRowSchema);

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  anchors: z.number(),
  firstBroken: z.object({ seq: z.number(), reason: z.string() }).nullable(),
});
