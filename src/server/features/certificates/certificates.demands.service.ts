/**
 * Evidence for supervision (S-9): bodies that still demand certificates — above all de-listed ones (on the
 * negative list) — recorded at the desk or with a refusal slip, and counted per demanding body.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { ancestorColumns } from '../../core/scope.js';
import { newId } from '../../core/ids.js';
import type { PageRequest } from '../../db/paginate.js';
import type { DemandBody } from '../../../shared/certificates.js';
import type { JudgedItem } from '../admission/catalog.gateway.js';
import * as cases from './certificates.cases.repo.js';
import { presentDemand } from './certificates.presenter.js';
import { badRequest, judgeRequest, myVillage, today, type Village } from './certificates.desk.service.js';

const demanderKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export async function insertDemand(
  trx: Kysely<DB>,
  deps: Deps,
  actor: Actor,
  village: Village,
  input: DemandBody,
  item: JudgedItem | null,
  catalogVersionId: string,
  caseId: string | null,
) {
  const id = newId();
  await cases.insertDemand(trx, {
    id,
    regionCode: village.code,
    regionName: village.name,
    ...ancestorColumns(village),
    demanderName: input.demanderName,
    demanderKey: demanderKey(input.demanderName),
    demanderKind: input.demanderKind,
    certificateName: input.certificateName,
    itemCode: item?.code ?? null,
    itemName: item?.name ?? null,
    itemKind: item?.kind ?? null,
    catalogVersionId,
    demandedOn: input.demandedOn,
    note: input.note,
    caseId,
    recordedBy: actor.userId,
    recordedByName: actor.displayName,
    createdAt: deps.clock.nowIso(),
  });
  return id;
}

/** Records that a body still demanded a certificate (matched against the catalogs: de-listed or not). */
export async function recordDemand(deps: Deps, ctx: AuthedContext, input: DemandBody) {
  const { actor } = ctx;
  const village = await myVillage(deps, actor);
  if (input.demandedOn > today(deps)) badRequest('demandedOn', 'certificates.error.notAfterToday');
  const { judge, item } = await judgeRequest(deps, village.code, input.certificateName);
  const id = await deps.db.transaction().execute(async (trx) => {
    const demandId = await insertDemand(trx, deps, actor, village, input, item, judge.versionId, null);
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.demand',
      entity: 'certificate_demand',
      entityId: demandId,
      regionCode: village.code,
      after: { ...input, itemCode: item?.code ?? null, itemKind: item?.kind ?? null },
    });
    return demandId;
  });
  return presentDemand(await cases.demandById(deps.db, id));
}

export async function listDemands(
  deps: Deps,
  ctx: AuthedContext,
  f: { demanderKey?: string; delistedOnly?: boolean },
  p: PageRequest,
) {
  const { total, items } = await cases.listDemands(deps.db, ctx.actor, f, p);
  return { total, items: items.map(presentDemand) };
}

export async function demandsByDemander(deps: Deps, ctx: AuthedContext) {
  const items = await cases.countDemandsByDemander(deps.db, ctx.actor);
  return { total: items.reduce((n, i) => n + i.count, 0), delisted: items.reduce((n, i) => n + i.delisted, 0), items };
}
