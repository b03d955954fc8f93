/**
 * The district's 告知承诺 item flags (国办发〔2020〕42号): which certificate items a resident may replace
 * with a written promise, each with its basis document. Default: none.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, ensure, msg } from '../../core/errors.js';
import { catalogJudge } from '../admission/catalog.gateway.js';
import { configCounty } from './certificates.policy.js';
import * as cases from './certificates.cases.repo.js';
import { CERTIFICATE_KINDS, today } from './certificates.desk.service.js';

export async function listPromiseItems(deps: Deps, ctx: AuthedContext) {
  const county = ctx.actor.grants
    .filter((g) => ['county', 'township', 'village', 'community'].includes(g.level))
    .map((g) => g.regionCode.slice(0, 6).padEnd(12, '0'))[0];
  return county ? cases.promiseItems(deps.db, county) : [];
}

/** Enables or disables 告知承诺 for one certificate item in the district, with the basis document (audited). */
export async function setPromiseItem(
  deps: Deps,
  ctx: AuthedContext,
  itemCode: string,
  input: { enabled: boolean; basis: string; version: number },
) {
  const { actor } = ctx;
  const county = configCounty(actor);
  ensure(county, msg('certificates.error.configureDistrictOnly'));
  const judge = await catalogJudge(deps, county, today(deps));
  const item = judge.item(itemCode);
  if (!item || !CERTIFICATE_KINDS.includes(item.kind) || item.catchAll)
    throw new AppError('validation_failed', msg('certificates.error.notDistrictCertificateItem', { code: itemCode }));
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const before = await cases.promiseItem(trx, county, itemCode);
    if (!before && input.version !== 0) throw new AppError('conflict');
    const saved = await cases.savePromiseItem(trx, county, before ? input.version : null, {
      itemCode,
      itemName: item.name,
      enabled: input.enabled,
      basis: input.basis,
      updatedByName: actor.displayName,
      updatedAt: now,
    });
    if (!saved) throw new AppError('conflict');
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.promise_item',
      entity: 'certificate_promise_item',
      entityId: itemCode,
      regionCode: county,
      before: before ? { enabled: before.enabled, basis: before.basis } : null,
      after: { enabled: input.enabled, basis: input.basis },
    });
  });
  return (await listPromiseItems(deps, ctx)).find((r) => r.itemCode === itemCode)!;
}
