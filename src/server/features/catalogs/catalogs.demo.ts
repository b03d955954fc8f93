/**
 * The demo district's catalog adoptions (reference/catalogs/demo-adoptions.json): the reference duty and
 * assistance lists it adopts so that its suggestions are meaningful, labelled as references until the
 * official annex is imported. Written as adoptions of the district layer by demo-district, each with an
 * audit row (demo data needs no second approver, whatever JIANFU_CATALOG_FOUR_EYES says). Idempotent.
 */
import type { Deps } from '../../deps.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import * as directory from '../accounts/directory.js';
import { adoptionsFor, insertAdoption } from './catalogs.repo.js';
import { loadDemoAdoptions } from './seed-data.js';

/** The demo district runs the 2023 plan: its reference adoptions hold from the start of that year. */
const DEMO_FROM = '2023-01-01';

export async function seedCatalogDemo(deps: Deps) {
  const plan = loadDemoAdoptions();
  const region = plan.region.padEnd(12, '0');
  const userId = await directory.userIdByUsername(deps.db, 'demo-district');
  const actor = userId ? await directory.actorById(deps.db, userId) : null;
  if (!actor) return { adopted: 0 };
  const adopted = new Set((await adoptionsFor(deps.db, [region])).map((a) => a.catalogId));
  const todo = plan.adopt.filter((id) => !adopted.has(id));
  if (!todo.length) return { adopted: 0 };
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    for (const catalogId of todo) {
      const id = newId();
      await insertAdoption(trx, {
        id,
        catalogId,
        regionCode: region,
        operation: 'adopt',
        effectiveFrom: DEMO_FROM,
        adjustmentId: null,
        createdAt: now,
        createdBy: actor.userId,
      });
      await appendAudit(
        trx,
        deps,
        { actor, ip: null, requestId: 'demo:catalogs' },
        {
          action: 'catalogs.demo_adopt',
          entity: 'catalog_adoption',
          entityId: id,
          regionCode: region,
          after: { catalogId, note: plan.note },
        },
      );
    }
  });
  return { adopted: todo.length };
}
