/**
 * Filing (部门申请): a department officer saves a draft and edits it while it is a draft or returned
 * for changes. The filing region is the officer's own node; every target must lie in it.
 */
import type { Deps } from '../../deps.js';
import { grantsWith, regionCovers, type Actor, type AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { ancestorColumns } from '../../core/scope.js';
import { AppError, ensure, msg } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { RequestContent } from '../../../shared/admission.js';
import * as directory from '../accounts/directory.js';
import * as regions from '../regions/regions.service.js';
import { ancestorsOf } from '../regions/regions.model.js';
import { canEdit, canFile, isFilingDepartment } from './admission.policy.js';
import { checkVersion, conflict, hashContent, loadReadable, today } from './admission.common.js';
import * as repo from './admission.repo.js';
import type { TargetRow } from './admission.repo.js';
import { getRequest } from './admission.read.service.js';

async function departmentOf(deps: Deps, actor: Actor) {
  if (!actor.departmentId) throw new AppError('forbidden', msg('admission.error.noDepartment'));
  const d = await directory.departmentById(deps.db, actor.departmentId);
  if (!d) throw new AppError('forbidden', msg('admission.error.departmentMissing'));
  return d;
}

const TARGET_LEVELS = ['county', 'township', 'village', 'community'];

/** Resolves and checks the targets: each must exist and lie in the filing region. */
export async function resolveTargets(
  deps: Deps,
  actor: Actor,
  filingRegion: string,
  codes: string[],
): Promise<TargetRow[]> {
  const grant = grantsWith(actor, 'admission.file').find((g) => g.regionCode === filingRegion)!;
  const out: TargetRow[] = [];
  for (const code of new Set(codes)) {
    if (!regionCovers(grant, code))
      throw new AppError('validation_failed', msg('admission.error.targetOutOfScope', { code }));
    const region = await regions.get(deps, actor, code).catch(() => null);
    if (!region) throw new AppError('validation_failed', msg('admission.error.targetMissing', { code }));
    if (!TARGET_LEVELS.includes(region.level))
      throw new AppError('validation_failed', msg('admission.error.targetLevel', { name: region.name }));
    out.push({
      regionCode: region.code,
      regionName: region.name,
      level: region.level,
      ...ancestorColumns(region),
    });
  }
  return out;
}

export function filingGrant(actor: Actor) {
  const g = grantsWith(actor, 'admission.file')[0];
  if (!g) throw new AppError('forbidden');
  return g;
}

/** Saves a new draft. The filing region is the officer's own node (the department's district). */
export async function createRequest(deps: Deps, ctx: AuthedContext, content: RequestContent) {
  const { actor } = ctx;
  ensure(canFile(actor), msg('admission.error.fileDepartmentOnly'));
  const dept = await departmentOf(deps, actor);
  const grant = filingGrant(actor);
  const targets = await resolveTargets(deps, actor, grant.regionCode, content.targets);
  const now = deps.clock.nowIso();
  const year = Number(today(deps).slice(0, 4));
  const scope = grant.regionCode.slice(0, 6);
  await repo.ensureCounter(deps.db, scope, year);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const seq = await repo.nextSeq(trx, scope, year);
    const number = `${scope}-ZR-${year}-${String(seq).padStart(4, '0')}`;
    await repo.insertRequest(trx, {
      id,
      number,
      kind: content.kind,
      title: content.title,
      departmentId: dept.id,
      departmentName: dept.name,
      filedBy: actor.userId,
      filedByName: actor.displayName,
      regionCode: grant.regionCode,
      ...ancestorsOf(grant.regionCode, grant.level),
      contentJson: JSON.stringify(content),
      contentHash: hashContent(content),
      startsOn: content.startsOn,
      endsOn: content.endsOn,
      createdAt: now,
    });
    await repo.replaceTargets(trx, id, targets);
    await repo.addEvent(trx, { id, status: 'draft', revision: 1 }, { at: now, actor, action: 'create', from: null });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.create',
      entity: 'admission_request',
      entityId: id,
      regionCode: grant.regionCode,
      after: { number, content },
    });
  });
  return getRequest(deps, ctx, id);
}

/** Edits a draft or a returned request (a submitted request is frozen: 409). */
export async function updateRequest(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: { version: number; content: RequestContent },
) {
  const { actor } = ctx;
  const r = await loadReadable(deps, actor, id);
  if (!isFilingDepartment(actor, r)) throw new AppError('forbidden', msg('admission.error.editOwnOnly'));
  if (!canEdit(actor, r)) throw conflict('admission.error.frozen');
  checkVersion(r, input.version);
  const targets = await resolveTargets(deps, actor, r.regionCode, input.content.targets);
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateIfVersion(
      trx,
      r,
      {
        kind: input.content.kind,
        title: input.content.title,
        contentJson: JSON.stringify(input.content),
        contentHash: hashContent(input.content),
        startsOn: input.content.startsOn,
        endsOn: input.content.endsOn,
        updatedAt: now,
      },
      ['draft', 'returned'],
    );
    if (!ok) throw conflict();
    await repo.replaceTargets(trx, id, targets);
    await repo.addEvent(trx, r, { at: now, actor, action: 'edit' });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.update',
      entity: 'admission_request',
      entityId: id,
      regionCode: r.regionCode,
      before: r.content,
      after: input.content,
    });
  });
  return getRequest(deps, ctx, id);
}
