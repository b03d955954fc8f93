import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../core/actor.js';
import { appendAudit, readAnchors, verifyChain } from '../../core/audit.js';
import { auditPage, auditRowsBefore, type AuditFilter } from './audit.repo.js';

const parse = (s: string | null) => (s ? JSON.parse(s) : null);

/** One page of the trail, newest first. The auditor's query is itself audited. */
export async function list(deps: Deps, ctx: RequestContext, f: AuditFilter, page: number, pageSize: number) {
  const { total, items: rows } = await auditPage(deps.db, f, { page, pageSize });
  await deps.db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, deps, ctx, { action: 'audit.query', entity: 'audit_log', after: { filter: f, page } }),
    );
  return {
    total,
    items: rows.map((r) => ({
      ...r,
      seq: Number(r.seq),
      before: parse(r.beforeJson),
      after: parse(r.afterJson),
      beforeJson: undefined,
      afterJson: undefined,
    })),
  };
}

export async function verify(deps: Deps, ctx: RequestContext) {
  const file = deps.config.audit.anchorFile;
  const verdict = await verifyChain(deps.db, deps.keys, { anchors: file ? readAnchors(file) : [] });
  await deps.db
    .transaction()
    .execute((trx) => appendAudit(trx, deps, ctx, { action: 'audit.verify', entity: 'audit_log', after: verdict }));
  return verdict;
}

/** Streams the filtered trail as rows for the export writer (no more than `max`). */
export async function* exportRows(deps: Deps, ctx: RequestContext, f: AuditFilter, max = 200_000) {
  await deps.db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, deps, ctx, { action: 'audit.export', entity: 'audit_log', after: { filter: f } }),
    );
  let lastSeq = Number.MAX_SAFE_INTEGER;
  let sent = 0;
  while (sent < max) {
    const rows = await auditRowsBefore(deps.db, f, lastSeq, 2000);
    if (!rows.length) return;
    for (const r of rows) yield r;
    sent += rows.length;
    lastSeq = Number(rows[rows.length - 1].seq);
  }
}
