/**
 * The audited uses of an issued certificate: printing (the clear name and ID number on the A4 sheet, a
 * copy number per print, a reason for every reprint), showing personal fields in clear, and revoking.
 * Each writes its record event and audit row in the same transaction.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, ensure, msg } from '../../core/errors.js';
import { zh } from '../../../shared/i18n.js';
import type { PrintData, SignOff, UnmaskField } from '../../../shared/certificates.js';
import { at } from './certificates.identity.js';
import { canPrint, canRevoke, canUnmask } from './certificates.policy.js';
import * as repo from './certificates.repo.js';
import { verifyPath } from './certificates.presenter.js';
import { printedDate, templateFor } from './certificates.templates.js';
import { getCertificate, loadVisible } from './certificates.register.service.js';

/**
 * The A4 print view's data, with the holder's clear name and ID number (the printed certificate needs
 * them): issuing village only, a copy number per print, a reason for every reprint, audited.
 */
export async function print(deps: Deps, ctx: AuthedContext, id: string, reason: string | null): Promise<PrintData> {
  const { actor } = ctx;
  const c = await loadVisible(deps, actor, id);
  if (c.status !== 'valid') throw new AppError('conflict', msg('certificates.error.revokedNoPrint'));
  ensure(canPrint(actor, c), msg('certificates.error.printVillageOnly'));
  const reprint = c.printCount > 0;
  if (reprint && !reason)
    throw new AppError('validation_failed', msg('certificates.error.reprintReason'), {
      issues: [{ field: 'reason', message: zh('certificates.error.required') }],
    });
  const now = deps.clock.nowIso();
  return deps.db.transaction().execute(async (trx) => {
    const copyNo = await repo.countPrint(trx, id, now);
    if (copyNo === null) throw new AppError('conflict', msg('certificates.error.revokedNoPrint'));
    await repo.addEvent(trx, {
      certificateId: id,
      at: now,
      kind: reprint ? 'reprinted' : 'printed',
      actor,
      copyNo,
      note: reason,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.print',
      entity: 'certificate',
      entityId: id,
      regionCode: c.regionCode,
      after: { serial: c.serial, copyNo, reprint, reason, fields: ['name', 'idNumber'] },
    });
    const holderName = deps.cipher.decrypt(c.holderNameEnc, at('certificate', id, 'holder_name_enc'));
    const idNumber = c.idNumberEnc ? deps.cipher.decrypt(c.idNumberEnc, at('certificate', id, 'id_number_enc')) : null;
    const t = templateFor(c.templateCode === 'generic' ? null : c.templateCode);
    return {
      serial: c.serial,
      title: t.title ?? c.itemName,
      paragraphs: t.paragraphs({
        title: c.itemName,
        holderName,
        idNumber,
        facts: c.facts,
        purpose: c.purpose,
        demander: c.demander,
      }),
      holderName,
      idNumber,
      purpose: c.purpose,
      demander: c.demander,
      villageName: c.regionName,
      issuer: `${c.regionName}`,
      signerName: c.signerName,
      signOff: c.signOffJson ? (JSON.parse(c.signOffJson) as SignOff) : null,
      issuedOn: c.issuedOn,
      issuedOnText: printedDate(c.issuedOn),
      verificationCode: c.verificationCode,
      verifyPath: verifyPath(c.verificationCode),
      copyNo,
      reprint,
      basis: c.basis,
      path: c.path,
    };
  });
}

/** Shows chosen personal fields in clear to the issuing village, writing the audit row first (fail closed). */
export async function unmask(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: { fields: UnmaskField[]; reason: string },
) {
  const { actor } = ctx;
  const c = await loadVisible(deps, actor, id);
  ensure(canUnmask(actor, c), msg('certificates.error.unmaskVillageOnly'));
  const fields = [...new Set(input.fields)];
  const now = deps.clock.nowIso();
  return deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.unmask',
      entity: 'certificate',
      entityId: id,
      regionCode: c.regionCode,
      after: { whose: { certificate: c.serial, holder: c.holderNameMasked }, fields, reason: input.reason },
    });
    await repo.addEvent(trx, {
      certificateId: id,
      at: now,
      kind: 'unmasked',
      actor,
      note: `${fields.join(',')}：${input.reason}`,
    });
    const out: { name?: string; idNumber?: string | null; phone?: string | null } = {};
    const open = (v: string | null, column: string) =>
      v ? deps.cipher.decrypt(v, at('certificate', id, column)) : null;
    if (fields.includes('name')) out.name = open(c.holderNameEnc, 'holder_name_enc')!;
    if (fields.includes('idNumber')) out.idNumber = open(c.idNumberEnc, 'id_number_enc');
    if (fields.includes('phone')) out.phone = open(c.phoneEnc, 'phone_enc');
    return out;
  });
}

/** Revokes a certificate with a reason (version-checked: one of two concurrent revocations wins). */
export async function revoke(deps: Deps, ctx: AuthedContext, id: string, input: { version: number; reason: string }) {
  const { actor } = ctx;
  const c = await loadVisible(deps, actor, id);
  if (c.status !== 'valid') throw new AppError('conflict', msg('certificates.error.alreadyRevoked'));
  ensure(canRevoke(actor, c), msg('certificates.error.revokeVillageOnly'));
  if (c.version !== input.version) throw new AppError('conflict');
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.revokeIfVersion(trx, id, input.version, {
      at: now,
      byName: actor.displayName,
      reason: input.reason,
    });
    if (!ok) throw new AppError('conflict');
    await repo.addEvent(trx, { certificateId: id, at: now, kind: 'revoked', actor, note: input.reason });
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.revoke',
      entity: 'certificate',
      entityId: id,
      regionCode: c.regionCode,
      before: { status: 'valid' },
      after: { status: 'revoked', serial: c.serial, reason: input.reason },
    });
  });
  return getCertificate(deps, actor, id);
}
