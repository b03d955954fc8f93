/**
 * The district's standing to-do while its duty or assistance catalog is incomplete (issue 9, S-7.2/S-7.3):
 * every judgement that rests on "not in the catalog" is 待核实 there, so the district's catalog leads are
 * told to import the official annex tables and set the completeness. One notice per district and state
 * (a new one only when the state changes), from a recurring job.
 */
import type { Deps } from '../../deps.js';
import { shanghaiDate } from '../../core/clock.js';
import type { Completeness } from '../../../shared/catalogs.js';
import * as directory from '../accounts/directory.js';
import * as regions from '../regions/regions.service.js';
import { effectiveFor } from './catalogs.effective.js';
import { completenessOf } from './catalogs.status.js';

export const COMPLETENESS_TODO_JOB = 'catalogs.completeness_todo';
/** The kinds the gate and the ledger judge "not in the catalog" against. */
const JUDGED_KINDS = ['duty', 'assistance'] as const;

/** Records `catalogs.incomplete` for each district with a catalog lead whose judged kinds are not complete. */
export async function remindIncompleteCatalogs(deps: Deps): Promise<{ districts: number; incomplete: number }> {
  const today = shanghaiDate(deps.clock.now());
  const codes = [...new Set(await directory.regionsWithRole(deps.db, 'district_lead'))];
  const districts = [...(await regions.byCodes(deps.db, codes)).values()].filter((r) => r.level === 'county');
  let incomplete = 0;
  for (const d of districts) {
    const kinds = await completenessOf(deps.db, await effectiveFor(deps, d.code, today));
    const states = Object.fromEntries(JUDGED_KINDS.map((k) => [k, kinds[k].status])) as Record<
      (typeof JUDGED_KINDS)[number],
      Completeness
    >;
    if (JUDGED_KINDS.every((k) => states[k] === 'complete')) continue;
    incomplete++;
    await deps.db.transaction().execute((trx) =>
      deps.events.record(trx, 'catalogs.incomplete', deps.clock.nowIso(), {
        regionCode: d.code,
        regionName: d.name,
        duty: states.duty,
        assistance: states.assistance,
      }),
    );
  }
  return { districts: districts.length, incomplete };
}
