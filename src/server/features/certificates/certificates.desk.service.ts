/**
 * The desk's first step (证明受理): a resident's request is matched against the village's effective
 * catalogs today — may be issued (positive list), must not be issued (negative list) or unlisted — with
 * what the desk may do next, the template preview and the alternative channel. Also what the other
 * desk use cases share: the issuing village, the judgement, the district's 告知承诺 flag.
 */
import type { Deps } from '../../deps.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import { AppError, msg } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { zh, type MessageKey, type MessageParams } from '../../../shared/i18n.js';
import type { CatalogKind } from '../../../shared/catalogs.js';
import type { CaseKind, DeskAction, DeskMatch } from '../../../shared/certificates.js';
import * as regions from '../regions/regions.service.js';
import { catalogJudge, type JudgedItem } from '../admission/catalog.gateway.js';
import { issuingVillage } from './certificates.policy.js';
import * as cases from './certificates.cases.repo.js';
import * as repo from './certificates.repo.js';
import { preview } from './certificates.templates.js';

export const CERTIFICATE_KINDS: readonly CatalogKind[] = ['certificate', 'negative_certificate'];
export const today = (deps: Deps) => shanghaiDate(deps.clock.now());

/** 400 naming the field (the form shows the message beside it). */
export const badRequest = (field: string, key: MessageKey, params?: MessageParams): never => {
  throw new AppError('validation_failed', msg(key, params), { issues: [{ field, message: zh(key, params) }] });
};

/**
 * What every numbered record of the desk starts with: the moment, the day, the year's counter of its kind
 * made ready (outside the transaction that takes the next number), and a new id.
 */
export async function numbering(deps: Deps, villageCode: string, kind: 'certificate' | CaseKind) {
  const now = deps.clock.nowIso();
  const day = today(deps);
  const year = Number(day.slice(0, 4));
  await repo.ensureCounter(deps.db, villageCode, year, kind);
  return { now, day, year, id: newId() };
}

/** The village the actor issues for; 403 for anyone else. */
export async function myVillage(deps: Deps, actor: Actor) {
  const code = issuingVillage(actor);
  if (!code) throw new AppError('forbidden', msg('certificates.error.villageOnly'));
  return regions.get(deps, actor, code);
}
export type Village = Awaited<ReturnType<typeof myVillage>>;

export const itemRef = (i: JudgedItem) => ({
  code: i.code,
  name: i.name,
  kind: i.kind,
  catalogId: i.catalogId,
  catalogTitle: i.catalogTitle,
  basis: i.basis,
});
const alternativeOf = (i: JudgedItem | null) =>
  i && i.kind === 'negative_certificate' ? { official: i.alternativeChannel, guidance: i.guidance } : null;

/** The matcher's verdict on a request in a village today, and the item it rests on. */
export async function judgeRequest(deps: Deps, villageCode: string, q: string) {
  const judge = await catalogJudge(deps, villageCode, today(deps));
  const m = await judge.match(q, CERTIFICATE_KINDS);
  const verdict = m.verdict ?? 'unlisted';
  const hit =
    verdict === 'unlisted'
      ? null
      : (m.candidates.find((c) => c.score >= m.threshold && CERTIFICATE_KINDS.includes(c.kind)) ?? null);
  return { judge, m, verdict, item: hit ? judge.item(hit.code) : null };
}

/** The district's 告知承诺 flag of an item, when enabled. */
export async function promiseFlag(deps: Deps, villageCode: string, itemCode: string | null) {
  if (!itemCode) return null;
  const row = await cases.promiseItem(deps.db, villageCode.slice(0, 6).padEnd(12, '0'), itemCode);
  return row?.enabled ? row : null;
}

export async function matchAtDesk(deps: Deps, ctx: AuthedContext, q: string): Promise<DeskMatch> {
  const village = await myVillage(deps, ctx.actor);
  const { judge, m, verdict, item } = await judgeRequest(deps, village.code, q);
  const promise = await promiseFlag(deps, village.code, item?.code ?? null);
  const actions: DeskAction[] =
    verdict === 'positive' ? ['issue', 'refuse'] : verdict === 'negative' ? ['refuse'] : ['refuse', 'deliberate'];
  if (promise) actions.push('promise');
  return {
    query: q,
    region: { code: village.code, name: village.name },
    date: judge.date,
    catalogVersionId: judge.versionId,
    verdict,
    item: item ? itemRef(item) : null,
    alternative: alternativeOf(item),
    candidates: m.candidates.map((c) => ({
      code: c.code,
      name: c.name,
      kind: c.kind,
      score: c.score,
      reason: c.reason,
    })),
    promise: { available: promise !== null, basis: promise?.basis ?? null },
    actions,
    template:
      verdict === 'positive' && item ? preview(item.code, item.name) : verdict === 'unlisted' ? preview(null, q) : null,
  };
}
