/**
 * Refusal slips (不予出具告知单) and promise forms (告知承诺书). A negative-list request gets a slip naming
 * the item and the alternative channel; an unlisted one a slip saying the village may not certify it
 * without a basis; a positive-list item may be refused only with a reason. A promise form replaces a
 * certificate only where the district enabled the item. Their printed text is Chinese, from the locale
 * tables.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { ancestorColumns } from '../../core/scope.js';
import { AppError, msg } from '../../core/errors.js';
import type { PageRequest } from '../../db/paginate.js';
import { zh } from '../../../shared/i18n.js';
import type { CaseKind, CertificateVerdict, PromiseBody, RefusalBody } from '../../../shared/certificates.js';
import { catalogJudge, type JudgedItem } from '../admission/catalog.gateway.js';
import { at, maskName, sealPersonal } from './certificates.identity.js';
import * as repo from './certificates.repo.js';
import * as cases from './certificates.cases.repo.js';
import type { CertificateCaseTable } from './certificates.tables.js';
import { presentCase } from './certificates.presenter.js';
import {
  badRequest,
  CERTIFICATE_KINDS,
  judgeRequest,
  myVillage,
  numbering,
  promiseFlag,
  today,
  type Village,
} from './certificates.desk.service.js';
import { insertDemand } from './certificates.demands.service.js';

async function nextCaseNumber(trx: Kysely<DB>, villageCode: string, year: number, kind: CaseKind) {
  const seq = await repo.nextSeq(trx, villageCode, year, kind);
  return `${villageCode}-${year}-${kind === 'refusal' ? 'B' : 'C'}${String(seq).padStart(4, '0')}`;
}

/** The columns every case takes from its village, its item and its author. */
function caseRow(
  village: Village,
  actor: Actor,
  at: { now: string; day: string },
  item: JudgedItem | null,
): Omit<CertificateCaseTable, 'id' | 'number' | 'kind' | 'requestText' | 'verdict' | 'catalogVersionId' | 'reason'> {
  return {
    regionCode: village.code,
    regionName: village.name,
    ...ancestorColumns(village),
    itemCode: item?.code ?? null,
    itemName: item?.name ?? null,
    itemKind: item?.kind ?? null,
    catalogId: item?.catalogId ?? null,
    catalogTitle: item?.catalogTitle ?? null,
    itemBasis: item?.basis ?? null,
    alternativeChannel: null,
    guidance: null,
    holderNameEnc: null,
    holderNameMasked: null,
    idNumberEnc: null,
    idNumberIndex: null,
    idNumberMasked: null,
    phoneEnc: null,
    phoneIndex: null,
    phoneMasked: null,
    purpose: null,
    demander: null,
    promiseText: null,
    createdBy: actor.userId,
    createdByName: actor.displayName,
    createdAt: at.now,
    createdOn: at.day,
  };
}

/** The slip's printed reason. */
function refusalReason(q: string, verdict: CertificateVerdict, item: JudgedItem | null, reason: string | null) {
  const also = reason ? zh('certificates.slip.also', { reason }) : '';
  if (verdict === 'negative')
    return (
      zh('certificates.slip.negative', { q, catalog: item!.catalogTitle, code: item!.code, name: item!.name }) + also
    );
  if (verdict === 'unlisted') return zh('certificates.slip.unlisted', { q }) + also;
  return zh('certificates.slip.positive', { reason: reason ?? '' });
}

/**
 * A printable refusal slip. When a demanding body is named for a negative item, the demand is recorded
 * as evidence for supervision.
 */
export async function refuse(deps: Deps, ctx: AuthedContext, input: RefusalBody) {
  const { actor } = ctx;
  const village = await myVillage(deps, actor);
  const { judge, verdict, item } = await judgeRequest(deps, village.code, input.q);
  if (verdict === 'positive' && !input.reason) badRequest('reason', 'certificates.error.refuseReasonRequired');
  const { now, day, year, id } = await numbering(deps, village.code, 'refusal');
  await deps.db.transaction().execute(async (trx) => {
    const number = await nextCaseNumber(trx, village.code, year, 'refusal');
    const negative = item?.kind === 'negative_certificate';
    await cases.insertCase(trx, {
      ...caseRow(village, actor, { now, day }, item),
      id,
      number,
      kind: 'refusal',
      requestText: input.q,
      verdict,
      catalogVersionId: judge.versionId,
      alternativeChannel: negative ? item.alternativeChannel : null,
      guidance: negative ? item.guidance : null,
      reason: refusalReason(input.q, verdict, item, input.reason),
      holderNameEnc: input.holderName
        ? deps.cipher.encrypt(input.holderName, at('certificate_case', id, 'holder_name_enc'))
        : null,
      holderNameMasked: input.holderName ? maskName(input.holderName) : null,
      purpose: input.purpose,
      demander: input.demander,
    });
    if (input.demander && verdict === 'negative') {
      await insertDemand(
        trx,
        deps,
        actor,
        village,
        {
          demanderName: input.demander,
          demanderKind: input.demanderKind,
          certificateName: input.q,
          demandedOn: day,
          note: zh('certificates.text.demandFromSlip', { number }),
        },
        item,
        judge.versionId,
        id,
      );
    }
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.refuse',
      entity: 'certificate_case',
      entityId: id,
      regionCode: village.code,
      after: {
        number,
        q: input.q,
        verdict,
        itemCode: item?.code ?? null,
        demander: input.demander,
        catalogVersionId: judge.versionId,
      },
    });
  });
  return getCase(deps, ctx, 'refusal', id);
}

/** The 告知承诺 text (国办发〔2020〕42号 elements): what must be proven, the effect, the liability for a false promise. */
function promiseText(item: JudgedItem, village: string, purpose: string, demander: string | null, basis: string) {
  return [
    zh('certificates.promise.notice', { item: item.name }),
    zh('certificates.promise.duty', {
      item: item.name,
      purpose,
      to: demander ? zh('certificates.promise.dutyTo', { demander }) : '',
    }),
    zh('certificates.promise.effect'),
    zh('certificates.promise.liability'),
    zh('certificates.promise.pledge', { village }),
    zh('certificates.promise.basis', { basis }),
  ];
}

/** Records a signed 告知承诺 form for an item the district has enabled (never otherwise). */
export async function promise(deps: Deps, ctx: AuthedContext, input: PromiseBody) {
  const { actor } = ctx;
  const village = await myVillage(deps, actor);
  const judge = await catalogJudge(deps, village.code, today(deps));
  const item = judge.item(input.itemCode);
  if (!item || !CERTIFICATE_KINDS.includes(item.kind))
    return badRequest('itemCode', 'certificates.error.notCertificateItem', { code: input.itemCode });
  const flag = await promiseFlag(deps, village.code, input.itemCode);
  if (!flag) throw new AppError('conflict', msg('certificates.error.promiseNotEnabled', { name: item.name }));
  const { now, day, year, id } = await numbering(deps, village.code, 'promise');
  const sealed = sealPersonal(deps, 'certificate_case', id, input.holder);
  const text = promiseText(item, village.name, input.purpose, input.demander, flag.basis);
  await deps.db.transaction().execute(async (trx) => {
    const number = await nextCaseNumber(trx, village.code, year, 'promise');
    await cases.insertCase(trx, {
      ...caseRow(village, actor, { now, day }, item),
      id,
      number,
      kind: 'promise',
      requestText: input.q,
      verdict: item.kind === 'negative_certificate' ? 'negative' : 'positive',
      catalogVersionId: judge.versionId,
      reason: zh('certificates.promise.reason', { basis: flag.basis }),
      holderNameEnc: sealed.holderNameEnc,
      holderNameMasked: sealed.holderNameMasked,
      idNumberEnc: sealed.idNumberEnc,
      idNumberIndex: sealed.idNumberIndex,
      idNumberMasked: sealed.idNumberMasked,
      phoneEnc: sealed.phoneEnc,
      phoneIndex: sealed.phoneIndex,
      phoneMasked: sealed.phoneMasked,
      purpose: input.purpose,
      demander: input.demander,
      promiseText: JSON.stringify(text),
    });
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.promise',
      entity: 'certificate_case',
      entityId: id,
      regionCode: village.code,
      after: {
        number,
        itemCode: item.code,
        holder: sealed.holderNameMasked,
        purpose: input.purpose,
        catalogVersionId: judge.versionId,
      },
    });
  });
  return getCase(deps, ctx, 'promise', id);
}

export async function getCase(deps: Deps, ctx: AuthedContext, kind: CaseKind, id: string) {
  const r = await cases.findCase(deps.db, ctx.actor, id, kind);
  if (!r) throw new AppError('not_found', msg(`certificates.error.caseNotFound.${kind}`));
  return presentCase(r);
}

export async function listCases(deps: Deps, ctx: AuthedContext, kind: CaseKind, p: PageRequest) {
  const { total, items } = await cases.listCases(deps.db, ctx.actor, kind, p);
  return { total, items: items.map(presentCase) };
}
