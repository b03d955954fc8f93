/**
 * The admission API's codes and zod schemas live in src/shared/admission.ts. This re-export serves the
 * pre-check (admission.precheck.ts, admission.findings.ts, admission.eval.ts) and the judge bench, which
 * import from here; drop it once they import from the shared contract.
 */
export {
  PRECHECK_OUTCOMES,
  requestContent,
  STATUTORY_LEVELS,
  type PrecheckOutcome,
  type RequestContent,
} from '../../../shared/admission.js';
