/**
 * Staff reading cases (S-9): the list in the actor's scope (district: its area; township and department:
 * the cases assigned to them), the detail (its view audited, personal data masked), photos, the
 * assignees a district may choose, and the audited reveal of who reported (district handler only).
 */
import type { Deps } from '../../deps.js';
import { grantsWith, type AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, ensure, msg } from '../../core/errors.js';
import { fileById } from '../../core/files.repo.js';
import type { PageRequest } from '../../db/paginate.js';
import type { CaseStatus, Category } from '../../../shared/supervision.js';
import * as directory from '../accounts/directory.js';
import * as regions from '../regions/regions.service.js';
import { caseBinding, todayOf } from './supervision.common.js';
import { presentCase, presentDetail } from './supervision.presenter.js';
import * as repo from './supervision.repo.js';

export const notFound = () => new AppError('not_found', msg('supervision.error.notFound'));

/** A case the actor may read; 404 otherwise (whether or not it exists). */
export async function loadReadable(deps: Deps, ctx: AuthedContext, id: string) {
  return (await repo.readableCase(deps.db, ctx.actor, id)) ?? Promise.reject(notFound());
}

export async function listCases(
  deps: Deps,
  ctx: AuthedContext,
  q: { status?: CaseStatus; category?: Category; overdue?: 'true' | 'false'; q?: string } & PageRequest,
) {
  const today = todayOf(deps);
  const { page, pageSize, overdue, ...f } = q;
  const res = await repo.findCases(
    deps.db,
    ctx.actor,
    { ...f, overdueOn: overdue === 'true' ? today : undefined },
    { page, pageSize },
  );
  return { total: res.total, items: res.items.map((r) => presentCase(r, today)) };
}

export async function caseDetail(deps: Deps, ctx: AuthedContext, id: string) {
  const r = await loadReadable(deps, ctx, id);
  const [photos, steps, merged] = await Promise.all([
    repo.photosOf(deps.db, id),
    repo.stepsOf(deps.db, id),
    r.mergedInto ? repo.caseById(deps.db, r.mergedInto) : Promise.resolve(undefined),
  ]);
  const description = deps.cipher.decrypt(r.descriptionEnc, caseBinding(id)('description_enc'));
  // The detail of a record with personal data (masked) is itself recorded (PI-08).
  await appendAudit(deps.db, deps, ctx, {
    action: 'supervision.view',
    entity: 'supervision_case',
    entityId: id,
    regionCode: r.regionCode,
  });
  return presentDetail(ctx.actor, r, {
    today: todayOf(deps),
    description,
    photos,
    steps,
    mergedIntoCode: merged?.code ?? null,
  });
}

export async function photo(deps: Deps, ctx: AuthedContext, id: string, fileId: string) {
  await loadReadable(deps, ctx, id);
  const ids = await repo.photosOf(deps.db, id);
  const f = ids.includes(fileId) ? await fileById(deps.db, fileId) : null;
  if (!f) throw notFound();
  return f;
}

/** Who reported, in clear: the district handler only, with a reason, the audit row written first (fail closed). */
export async function reveal(deps: Deps, ctx: AuthedContext, id: string, input: { reason: string }) {
  const r = await loadReadable(deps, ctx, id);
  ensure(grantsWith(ctx.actor, 'supervision.reveal').length > 0, msg('supervision.error.revealDistrictOnly'));
  if (r.anonymous) throw new AppError('conflict', msg('supervision.error.anonymous'));
  const b = caseBinding(id);
  return deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, deps, ctx, {
      action: 'supervision.reveal',
      entity: 'supervision_case',
      entityId: id,
      regionCode: r.regionCode,
      after: { whose: { case: r.code, reporter: r.reporterNameMasked }, reason: input.reason },
    });
    return {
      name: r.reporterNameEnc ? deps.cipher.decrypt(r.reporterNameEnc, b('reporter_name_enc')) : null,
      contact: r.contactEnc ? deps.cipher.decrypt(r.contactEnc, b('contact_enc')) : null,
    };
  });
}

/** Townships of the handler's district and the departments a case can go to (the district's and above). */
export async function assignees(deps: Deps, ctx: AuthedContext) {
  const grant = grantsWith(ctx.actor, 'supervision.handle')[0];
  ensure(grant, msg('supervision.error.handlerOnly'));
  const townships = (await regions.children(deps, ctx.actor, grant.regionCode)).filter((r) => r.level === 'township');
  const county = await regions.byCode(deps.db, grant.regionCode);
  const above = [county?.code, county?.cityCode, county?.provinceCode].filter((c): c is string => !!c);
  const departments = await directory.departmentsIn(deps.db, [...new Set(above)]);
  return {
    townships: townships.map((t) => ({ id: t.code, name: t.name })),
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
  };
}
