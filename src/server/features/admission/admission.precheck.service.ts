/**
 * The pre-check (预审) over every township a request reaches: the pure rules of admission.precheck.ts
 * against each township's effective catalogs on the day (the judge's CatalogView, catalog.gateway.ts), keeping the strictest result. The filing form
 * runs it as a dry run; submitting runs it for real (admission.submit.service.ts).
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { ensure, msg } from '../../core/errors.js';
import type { RequestContent } from '../../../shared/admission.js';
import { canFile } from './admission.policy.js';
import { OUTCOME_SEVERITY, precheck, type PrecheckResult } from './admission.precheck.js';
import { catalogView } from './catalog.gateway.js';
import { judgeRegions, today } from './admission.common.js';
import { filingGrant, resolveTargets } from './admission.filing.service.js';

export type JudgedPrecheck = PrecheckResult & {
  judged: { regionCode: string; catalogVersionId: string; outcome: string }[];
};

/**
 * Runs the pre-check against the effective catalogs of every township the request reaches, on the
 * given date, and keeps the strictest result (with the list of versions judged against).
 */
export async function runPrecheck(
  deps: Deps,
  content: RequestContent,
  targets: { regionCode: string; level: string }[],
  date: string,
): Promise<JudgedPrecheck> {
  const judged: JudgedPrecheck['judged'] = [];
  let worst: PrecheckResult | null = null;
  for (const code of judgeRegions(targets)) {
    const result = precheck(content, await catalogView(deps, code, date));
    judged.push({ regionCode: code, catalogVersionId: result.catalogVersionId, outcome: result.outcome });
    if (!worst || OUTCOME_SEVERITY[result.outcome] > OUTCOME_SEVERITY[worst.outcome]) worst = result;
  }
  return { ...worst!, judged };
}

/** A dry run for the filing form: what the pre-check would say now (nothing is stored). */
export async function previewPrecheck(deps: Deps, ctx: AuthedContext, content: RequestContent) {
  const { actor } = ctx;
  ensure(canFile(actor), msg('admission.error.precheckDepartmentOnly'));
  const targets = await resolveTargets(deps, actor, filingGrant(actor).regionCode, content.targets);
  return runPrecheck(deps, content, targets, today(deps));
}
