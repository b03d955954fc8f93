/**
 * The one place where admission and the certificate desk reach the catalogs. Everything they judge
 * against (the effective catalog of a region on a date, its version id, the matcher, item details,
 * and producing an adjustment) goes through the catalog feature's services (`catalogs.service.ts`,
 * `catalogs.adjustments.service.ts`). Nothing else in these two features imports from catalogs/.
 */
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import type { CatalogKind, CertificateVerdict } from '../../../shared/catalogs.js';
import * as catalogs from '../catalogs/catalogs.service.js';
import * as adjustments from '../catalogs/catalogs.adjustments.service.js';
import { catalogViewFor } from '../catalogs/catalogs.judging.js';
import { signGuideFor } from '../campaigns/campaigns.catalog.js';
import { judgedItemsOf, type CatalogView, type JudgedItem as ViewItem } from '../catalogs/judge.js';

export type { CatalogKind, CatalogView, ViewItem };

/** An item of the effective catalogs: the judge's own item (catalogs/judge.view.ts). */
export type JudgedItem = ViewItem;

export interface JudgedMatch {
  best: { code: string; score: number; reason: string } | null;
  candidates: { code: string; name: string; kind: CatalogKind; catalogId: string; score: number; reason: string }[];
  unlisted: boolean;
  threshold: number;
  /** Certificate verdict, when certificate kinds were searched. */
  verdict: CertificateVerdict | null;
}

export interface CatalogJudge {
  /** Id of the effective catalog version the judgement used (stored on every judgement). */
  versionId: string;
  regionCode: string;
  date: string;
  match(text: string, kinds?: readonly CatalogKind[]): Promise<JudgedMatch>;
  item(code: string): JudgedItem | null;
  items(kind?: CatalogKind): JudgedItem[];
}

/** The effective catalogs of a region on a date (internal view), with the one matcher over them. */
export async function catalogJudge(deps: Deps, regionCode: string, date: string): Promise<CatalogJudge> {
  const eff = await catalogs.effectiveFor(deps, regionCode, date);
  const versionId = await catalogs.recordVersion(deps, eff);
  const items = judgedItemsOf(eff);
  const byCode = new Map(items.map((i) => [i.code, i]));
  return {
    versionId,
    regionCode,
    date,
    async match(text, kinds) {
      const m = await catalogs.matchInRegion(deps, regionCode, text, { kinds: kinds ? [...kinds] : undefined, date });
      return {
        best: m.result.best
          ? { code: m.result.best.code, score: m.result.best.score, reason: m.result.best.reason }
          : null,
        candidates: m.result.candidates.map((c) => ({
          code: c.code,
          name: c.name,
          kind: c.kind,
          catalogId: c.catalogId,
          score: c.score,
          reason: c.reason,
        })),
        unlisted: m.result.unlisted,
        threshold: m.result.threshold,
        verdict: m.verdict,
      };
    },
    item: (code) => byCode.get(code) ?? null,
    items: (kind) => (kind ? items.filter((i) => i.kind === kind) : items),
  };
}

/**
 * The effective catalogs of a region on a date (internal view) as the judge's CatalogView (the one
 * matcher, the compiled prohibition rules, per-kind completeness and the district's sign guide, the same
 * guide the ledger uses): what the admission pre-check judges against.
 */
export async function catalogView(deps: Deps, regionCode: string, date: string): Promise<CatalogView> {
  return catalogViewFor(deps, regionCode, date, { signGuide: await signGuideFor(deps, regionCode) });
}

export interface CatalogChangeInput {
  action: 'add' | 'amend' | 'withdraw';
  kind: CatalogKind;
  itemCode: string | null;
  name: string | null;
  basis: string;
  reason: string;
  effectiveDate: string;
  /** The district (12-digit county code): the layer the adjustment applies to. */
  targetRegionCode: string;
  requestNumber: string;
}

export interface CatalogChangeResult {
  adjustmentId: string | null;
  note: string;
  /** The catalog service's error code when it refused (e.g. forbidden: the actor cannot propose). */
  refusal: string | null;
}

/**
 * Produces the catalog adjustment an approved admission request asks for, through the catalog
 * service's own workflow (draft → submitted; a district catalog approver other than the proposer then
 * approves it there). The proposer is the acting user, who must hold catalogs.manage at the district;
 * the service enforces that. Runs in its own transactions, so call it after the approval committed.
 * Never throws: a refusal comes back as a note to show on the request.
 */
export async function proposeCatalogAdjustment(
  deps: Deps,
  ctx: RequestContext,
  change: CatalogChangeInput,
): Promise<CatalogChangeResult> {
  try {
    // The catalog service acts for a signed-in user only.
    if (!ctx.actor) throw new AppError('unauthenticated');
    const authed = { ...ctx, actor: ctx.actor };
    let catalogId: string | undefined;
    if (change.action === 'add') {
      const eff = await catalogs.effectiveFor(deps, change.targetRegionCode, change.effectiveDate);
      const target =
        eff.active.find((a) => a.catalog.kind === change.kind && a.via === 'owned') ??
        eff.active.find((a) => a.catalog.kind === change.kind);
      if (!target)
        return {
          adjustmentId: null,
          note: `本区没有生效的“${change.kind}”类目录，无法新增事项，请区民政局先建立或采用该目录后手工发起调整`,
          refusal: 'conflict',
        };
      catalogId = target.catalog.id;
    }
    const fields =
      change.action === 'withdraw'
        ? undefined
        : {
            ...(change.name ? { name: change.name } : {}),
            ...(change.action === 'add' ? { basis: change.basis } : {}),
          };
    const created = await adjustments.createAdjustment(deps, authed, {
      targetRegion: change.targetRegionCode,
      operation: change.action,
      ...(catalogId ? { catalogId } : {}),
      ...(change.itemCode ? { itemCode: change.itemCode } : {}),
      ...(fields ? { fields } : {}),
      reasonType: 'department_request',
      reasonNote: `准入决定 ${change.requestNumber}：${change.reason}`,
      basis: change.basis,
      effectiveDate: change.effectiveDate,
    });
    const submitted = await adjustments.submitAdjustment(deps, authed, created.id, created.version);
    return {
      adjustmentId: submitted.id,
      note: `已按准入决定提出目录调整（待区民政局审批），调整编号 ${submitted.id}`,
      refusal: null,
    };
  } catch (err) {
    if (err instanceof AppError)
      return { adjustmentId: null, note: `目录调整未能提出：${err.message}`, refusal: err.code };
    throw err;
  }
}
