/**
 * Issuing (开具证明). The server matches the request again: a negative-list request is refused (409,
 * print a refusal slip instead); a positive-list item is issued from its template; an unlisted request
 * is issued only with a basis, a recorded deliberation and the committee head's sign-off. Personal data
 * is stored SM4-encrypted with a blind index and a mask.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { ancestorColumns } from '../../core/scope.js';
import { AppError, msg } from '../../core/errors.js';
import { newToken } from '../../core/ids.js';
import { zh } from '../../../shared/i18n.js';
import type { IssueBody, IssuePath } from '../../../shared/certificates.js';
import type { JudgedItem } from '../admission/catalog.gateway.js';
import { maskIdNumber, maskName, maskPhone, sealPersonal } from './certificates.identity.js';
import * as repo from './certificates.repo.js';
import { templateFor } from './certificates.templates.js';
import { badRequest, itemRef, judgeRequest, myVillage, numbering, today } from './certificates.desk.service.js';
import { getCertificate } from './certificates.register.service.js';

/** The unlisted path's checks: a basis, the deliberation and the committee head's sign-off, none in the future. */
function checkDeliberation(deps: Deps, input: IssueBody) {
  if (!input.basis) badRequest('basis', 'certificates.error.basisRequired');
  if (!input.deliberation) badRequest('deliberation', 'certificates.error.deliberationRequired');
  if (!input.signOff) badRequest('signOff', 'certificates.error.signOffRequired');
  if (input.deliberation!.heldOn > today(deps) || input.signOff!.signedOn > today(deps))
    badRequest('deliberation', 'certificates.error.datesInFuture');
}

export async function issue(deps: Deps, ctx: AuthedContext, input: IssueBody) {
  const { actor } = ctx;
  const village = await myVillage(deps, actor);
  const { judge, verdict, item: matched } = await judgeRequest(deps, village.code, input.q);
  if (verdict === 'negative') {
    throw new AppError(
      'conflict',
      msg('certificates.error.negative', { q: input.q, code: matched!.code, name: matched!.name }),
      { verdict, item: itemRef(matched!) },
    );
  }
  let item: JudgedItem | null = null;
  if (input.itemCode) {
    item = judge.item(input.itemCode);
    if (!item || item.kind !== 'certificate' || item.catchAll)
      badRequest('itemCode', 'certificates.error.notPositiveItem', { code: input.itemCode });
  } else if (verdict === 'positive') {
    item = matched;
  }
  const path: IssuePath = item ? 'catalog' : 'deliberation';
  if (path === 'deliberation') checkDeliberation(deps, input);
  const itemName = item ? item.name : (input.title ?? input.q);
  const basis = item ? (item.basis ?? item.catalogTitle) : input.basis!;
  const template = templateFor(item?.code ?? null);
  const { now, day, year, id } = await numbering(deps, village.code, 'certificate');
  const verificationCode = newToken(20); // 160 bits, base64url
  await deps.db.transaction().execute(async (trx) => {
    const seq = await repo.nextSeq(trx, village.code, year, 'certificate');
    const serial = `${village.code}-${year}-${String(seq).padStart(4, '0')}`;
    await repo.insertCertificate(trx, {
      id,
      serial,
      year,
      seq,
      regionCode: village.code,
      regionName: village.name,
      ...ancestorColumns(village),
      requestText: input.q,
      itemCode: item?.code ?? null,
      itemName,
      catalogId: item?.catalogId ?? null,
      catalogVersionId: judge.versionId,
      path,
      templateCode: template.code,
      ...sealPersonal(deps, 'certificate', id, input.holder),
      purpose: input.purpose,
      demander: input.demander,
      basis,
      facts: input.facts,
      signerName: input.signerName,
      deliberationJson: input.deliberation ? JSON.stringify(input.deliberation) : null,
      signOffJson: input.signOff ? JSON.stringify(input.signOff) : null,
      verificationCode,
      status: 'valid',
      issuedBy: actor.userId,
      issuedByName: actor.displayName,
      issuedAt: now,
      issuedOn: day,
      revokedAt: null,
      revokedByName: null,
      revokeReason: null,
      printCount: 0,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await repo.addEvent(trx, {
      certificateId: id,
      at: now,
      kind: 'issued',
      actor,
      note: path === 'deliberation' ? zh('certificates.text.deliberated') : null,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.issue',
      entity: 'certificate',
      entityId: id,
      regionCode: village.code,
      after: {
        serial,
        itemCode: item?.code ?? null,
        itemName,
        path,
        catalogVersionId: judge.versionId,
        holder: maskName(input.holder.name),
        idNumber: input.holder.idNumber ? maskIdNumber(input.holder.idNumber) : null,
        phone: input.holder.phone ? maskPhone(input.holder.phone) : null,
        purpose: input.purpose,
        demander: input.demander,
      },
    });
  });
  return getCertificate(deps, actor, id);
}
