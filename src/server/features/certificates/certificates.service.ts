/**
 * The certificate desk (证明, S-6.2): match a resident's request against the village's effective
 * catalogs; issue positive-list certificates from a template (or unlisted ones only with a recorded
 * deliberation and the committee head's sign-off); print refusal slips with the alternative channel;
 * offer the 告知承诺 form where the district enabled it; keep the register with SM4-encrypted, masked
 * personal data; verify publicly by an unguessable code; revoke with a reason; record de-listed
 * certificates still demanded. Every write and every unmasked view is audited in its transaction.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { shanghaiDate } from '../../core/clock.js';
import { AppError, ensure, msg, notFound } from '../../core/errors.js';
import { newId, newToken } from '../../core/ids.js';
import type { CatalogKind } from '../../../shared/catalogs.js';
import * as regions from '../regions/regions.service.js';
import { catalogJudge, type CatalogJudge, type JudgedItem } from '../admission/catalog.gateway.js';
import { at, maskIdNumber, maskName, maskPhone, sealPersonal } from './certificates.identity.js';
import { canPrint, canRevoke, canUnmask, configCounty, issuingVillage } from './certificates.policy.js';
import * as repo from './certificates.repo.js';
import type { CertificateListRow } from './certificates.repo.js';
import type { CertificateTable } from './certificates.tables.js';
import { preview, templateFor } from './certificates.templates.js';
import {
  DELIBERATION_FORM_LABELS,
  DEMANDER_KIND_LABELS,
  type IssueBody,
  type RegisterQuery,
} from './certificates.schemas.js';

const CERTIFICATE_KINDS: readonly CatalogKind[] = ['certificate', 'negative_certificate'];
const today = (deps: Deps) => shanghaiDate(deps.clock.now());
const GUIDANCE_NOTE = '“办理指引”为本平台根据公开资料整理的参考，不是清单官方原文；以有关部门的规定为准。';
export const verifyPath = (code: string) => `/verify/${code}`;

// ---------------------------------------------------------------------------------------------------
// Matching (the desk's first step)
// ---------------------------------------------------------------------------------------------------

async function myVillage(deps: Deps, actor: Actor) {
  const code = issuingVillage(actor);
  if (!code) throw new AppError('forbidden', '只有村（社区）经办人员可以办理证明');
  return regions.get(deps, actor, code);
}

const itemRef = (i: JudgedItem) => ({
  code: i.code,
  name: i.name,
  kind: i.kind,
  catalogId: i.catalogId,
  catalogTitle: i.catalogTitle,
  basis: i.basis,
});
const alternativeOf = (i: JudgedItem | null) =>
  i && i.kind === 'negative_certificate'
    ? { official: i.alternativeChannel, guidance: i.guidance, guidanceNote: GUIDANCE_NOTE }
    : null;

/** The matcher's verdict on a request in a village today, and the item it rests on. */
async function judgeRequest(deps: Deps, villageCode: string, q: string) {
  const judge = await catalogJudge(deps, villageCode, today(deps));
  const m = await judge.match(q, CERTIFICATE_KINDS);
  const verdict = m.verdict ?? 'unlisted';
  const hit =
    verdict === 'unlisted'
      ? null
      : (m.candidates.find((c) => c.score >= m.threshold && CERTIFICATE_KINDS.includes(c.kind)) ?? null);
  return { judge, m, verdict, item: hit ? judge.item(hit.code) : null };
}

async function promiseFlag(db: Kysely<DB>, villageCode: string, itemCode: string | null) {
  if (!itemCode) return null;
  const row = await repo.promiseItem(db, villageCode.slice(0, 6).padEnd(12, '0'), itemCode);
  return row && Number(row.enabled) === 1 ? row : null;
}

export async function matchAtDesk(deps: Deps, actor: Actor, q: string) {
  const village = await myVillage(deps, actor);
  const { judge, m, verdict, item } = await judgeRequest(deps, village.code, q);
  const promise = await promiseFlag(deps.db, village.code, item?.code ?? null);
  const actions: ('issue' | 'refuse' | 'promise' | 'deliberate')[] =
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

// ---------------------------------------------------------------------------------------------------
// Issuing
// ---------------------------------------------------------------------------------------------------

const badRequest = (field: string, message: string): never => {
  throw new AppError('validation_failed', message, { issues: [{ field, message }] });
};

/**
 * Issues a certificate. The server matches the request again: a negative-list request is refused
 * (409, print a refusal slip instead); a positive-list item is issued from its template; an unlisted
 * request is issued only with a basis, a recorded deliberation and the committee head's sign-off.
 */
export async function issue(deps: Deps, ctx: RequestContext, input: IssueBody) {
  const actor = ctx.actor!;
  const village = await myVillage(deps, actor);
  const { judge, verdict, item: matched } = await judgeRequest(deps, village.code, input.q);
  if (verdict === 'negative') {
    throw new AppError(
      'conflict',
      `“${input.q}”属于不应由村级组织出具的证明事项（${matched!.code}“${matched!.name}”），请开具不予出具告知单`,
      { verdict, item: itemRef(matched!) },
    );
  }
  let item: JudgedItem | null = null;
  if (input.itemCode) {
    item = judge.item(input.itemCode);
    if (!item || item.kind !== 'certificate' || item.catchAll)
      badRequest('itemCode', `事项 ${input.itemCode} 不是本村现行出具证明事项目录中的事项`);
  } else if (verdict === 'positive') {
    item = matched;
  }
  const path: 'catalog' | 'deliberation' = item ? 'catalog' : 'deliberation';
  if (path === 'deliberation') {
    if (!input.basis) badRequest('basis', '目录外证明须写明出具依据（法律法规依据或村级组织能够核实的事实）');
    if (!input.deliberation)
      badRequest('deliberation', '目录外证明须经村民会议、村民代表会议或村“两委”集体研究，并记录研究情况');
    if (!input.signOff) badRequest('signOff', '目录外证明须由村民委员会主任签字');
    if (input.deliberation!.heldOn > today(deps) || input.signOff!.signedOn > today(deps))
      badRequest('deliberation', '研究日期和签字日期不能晚于今天');
  }
  const itemName = item ? item.name : (input.title ?? input.q);
  const basis = item ? (item.basis ?? item.catalogTitle) : input.basis!;
  const template = templateFor(item?.code ?? null);
  const now = deps.clock.nowIso();
  const day = today(deps);
  const year = Number(day.slice(0, 4));
  await repo.ensureCounter(deps.db, village.code, year, 'certificate');
  const id = newId();
  const verificationCode = newToken(20); // 160 bits, base64url
  let serial = '';
  await deps.db.transaction().execute(async (trx) => {
    const seq = await repo.nextSeq(trx, village.code, year, 'certificate');
    serial = `${village.code}-${year}-${String(seq).padStart(4, '0')}`;
    await trx
      .insertInto('certificate')
      .values({
        id,
        serial,
        year,
        seq,
        regionCode: village.code,
        regionName: village.name,
        provinceCode: village.provinceCode,
        cityCode: village.cityCode,
        countyCode: village.countyCode,
        townshipCode: village.townshipCode,
        villageCode: village.villageCode,
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
      })
      .execute();
    await trx
      .insertInto('certificateEvent')
      .values({
        id: newId(),
        certificateId: id,
        at: now,
        kind: 'issued',
        actorId: actor.userId,
        actorName: actor.displayName,
        copyNo: null,
        note: path === 'deliberation' ? '目录外证明：经集体研究并由村委会主任签字' : null,
      })
      .execute();
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

// ---------------------------------------------------------------------------------------------------
// Register (证明开具台账): masked everywhere
// ---------------------------------------------------------------------------------------------------

const STATUS_LABELS: Record<string, string> = { valid: '有效', revoked: '已撤销' };
const PATH_LABELS: Record<string, string> = { catalog: '目录内', deliberation: '目录外（集体研究）' };

export function presentRow(r: CertificateListRow) {
  return {
    id: r.id,
    serial: r.serial,
    year: Number(r.year),
    regionCode: r.regionCode,
    regionName: r.regionName,
    townshipCode: r.townshipCode,
    requestText: r.requestText,
    itemCode: r.itemCode,
    itemName: r.itemName,
    path: r.path as 'catalog' | 'deliberation',
    pathLabel: PATH_LABELS[r.path] ?? r.path,
    catalogVersionId: r.catalogVersionId,
    holderName: r.holderNameMasked,
    idNumber: r.idNumberMasked,
    phone: r.phoneMasked,
    purpose: r.purpose,
    demander: r.demander,
    basis: r.basis,
    signerName: r.signerName,
    status: r.status as 'valid' | 'revoked',
    statusLabel: STATUS_LABELS[r.status] ?? r.status,
    issuedByName: r.issuedByName,
    issuedAt: r.issuedAt,
    issuedOn: r.issuedOn,
    revokedAt: r.revokedAt,
    revokedByName: r.revokedByName,
    revokeReason: r.revokeReason,
    printCount: Number(r.printCount),
    version: Number(r.version),
  };
}

function registerFilter(deps: Deps, f: Omit<RegisterQuery, 'page' | 'pageSize'>): repo.RegisterFilter {
  const c = deps.cipher;
  return {
    q: f.q,
    status: f.status,
    path: f.path,
    from: f.from,
    to: f.to,
    villageCode: f.villageCode,
    nameIndex: f.name ? c.blindIndex(f.name) : undefined,
    idIndex: f.idNumber ? c.blindIndex(f.idNumber) : undefined,
    phoneIndex: f.phone ? c.blindIndex(f.phone.replace(/[\s-]+/g, '')) : undefined,
  };
}

/** Searching by a personal value is a use of personal data: the search itself is audited (masked). */
async function auditSearch(
  deps: Deps,
  ctx: RequestContext,
  f: Omit<RegisterQuery, 'page' | 'pageSize'>,
  action: string,
) {
  if (!f.name && !f.idNumber && !f.phone && action !== 'certificates.export') return;
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, ctx, {
      action,
      entity: 'certificate',
      after: {
        ...f,
        name: f.name ? maskName(f.name) : undefined,
        idNumber: f.idNumber ? maskIdNumber(f.idNumber) : undefined,
        phone: f.phone ? maskPhone(f.phone) : undefined,
      },
    }),
  );
}

export async function listRegister(deps: Deps, ctx: RequestContext, query: RegisterQuery) {
  const { page, pageSize, ...f } = query;
  await auditSearch(deps, ctx, f, 'certificates.search');
  const { total, items } = await repo.listVisible(deps.db, ctx.actor!, registerFilter(deps, f), page, pageSize);
  return { total, items: items.map(presentRow) };
}

export async function* exportRegister(
  deps: Deps,
  ctx: RequestContext,
  query: Omit<RegisterQuery, 'page' | 'pageSize'>,
) {
  await auditSearch(deps, ctx, query, 'certificates.export');
  for await (const r of repo.streamVisible(deps.db, ctx.actor!, registerFilter(deps, query))) yield presentRow(r);
}

async function loadVisible(deps: Deps, actor: Actor, id: string, db: Kysely<DB> = deps.db) {
  return (await repo.findVisible(db, actor, id)) ?? notFound('证明');
}

export async function getCertificate(deps: Deps, actor: Actor, id: string) {
  const c = await loadVisible(deps, actor, id);
  const events = await repo.eventsOf(deps.db, id);
  return {
    ...presentRow(c),
    facts: c.facts,
    deliberation: c.deliberationJson
      ? {
          ...JSON.parse(c.deliberationJson),
          formLabel:
            DELIBERATION_FORM_LABELS[JSON.parse(c.deliberationJson).form as keyof typeof DELIBERATION_FORM_LABELS],
        }
      : null,
    signOff: c.signOffJson ? JSON.parse(c.signOffJson) : null,
    verificationCode: c.verificationCode,
    verifyPath: verifyPath(c.verificationCode),
    events: events.map((e) => ({ ...e, copyNo: e.copyNo === null ? null : Number(e.copyNo) })),
    abilities: { print: canPrint(actor, c), revoke: canRevoke(actor, c), unmask: canUnmask(actor, c) },
  };
}

/** The detail view of a PII-bearing record (masked) is itself recorded (PI-08). */
export async function viewCertificate(deps: Deps, ctx: RequestContext, id: string) {
  const out = await getCertificate(deps, ctx.actor!, id);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, ctx, {
      action: 'certificates.view',
      entity: 'certificate',
      entityId: id,
      regionCode: out.regionCode,
      after: { serial: out.serial, fields: ['name', 'idNumber', 'phone'], masked: true },
    }),
  );
  return out;
}

const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The A4 print view's data, with the holder's clear name and ID number (the printed certificate needs
 * them): issuing village only, a copy number per print, a reason for every reprint, audited.
 */
export async function print(deps: Deps, ctx: RequestContext, id: string, reason: string | null) {
  const actor = ctx.actor!;
  const c = await loadVisible(deps, actor, id);
  if (c.status !== 'valid') throw new AppError('conflict', '该证明已撤销，不能打印');
  ensure(canPrint(actor, c), '只有出具该证明的村（社区）可以打印');
  const reprint = Number(c.printCount) > 0;
  if (reprint && !reason)
    throw new AppError('validation_failed', '重新打印须填写原因', { issues: [{ field: 'reason', message: '必填' }] });
  const now = deps.clock.nowIso();
  return deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('certificate')
      .set((eb) => ({ printCount: eb('printCount', '+', 1), updatedAt: now }))
      .where('id', '=', id)
      .where('status', '=', 'valid')
      .returning('printCount')
      .executeTakeFirst();
    if (!res) throw new AppError('conflict', '该证明已撤销，不能打印');
    const copyNo = Number(res.printCount);
    await trx
      .insertInto('certificateEvent')
      .values({
        id: newId(),
        certificateId: id,
        at: now,
        kind: reprint ? 'reprinted' : 'printed',
        actorId: actor.userId,
        actorName: actor.displayName,
        copyNo,
        note: reason,
      })
      .execute();
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
      signOff: c.signOffJson ? JSON.parse(c.signOffJson) : null,
      issuedOn: c.issuedOn,
      issuedOnText: cnDate(c.issuedOn),
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
  ctx: RequestContext,
  id: string,
  input: { fields: ('name' | 'idNumber' | 'phone')[]; reason: string },
) {
  const actor = ctx.actor!;
  const c = await loadVisible(deps, actor, id);
  ensure(canUnmask(actor, c), '只有出具该证明的村（社区）经办人员可以查看完整个人信息');
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
    await trx
      .insertInto('certificateEvent')
      .values({
        id: newId(),
        certificateId: id,
        at: now,
        kind: 'unmasked',
        actorId: actor.userId,
        actorName: actor.displayName,
        copyNo: null,
        note: `${fields.join(',')}：${input.reason}`,
      })
      .execute();
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
export async function revoke(deps: Deps, ctx: RequestContext, id: string, input: { version: number; reason: string }) {
  const actor = ctx.actor!;
  const c = await loadVisible(deps, actor, id);
  if (c.status !== 'valid') throw new AppError('conflict', '该证明已撤销');
  ensure(canRevoke(actor, c), '只有出具该证明的村（社区）可以撤销');
  if (Number(c.version) !== input.version) throw new AppError('conflict');
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('certificate')
      .set({
        status: 'revoked',
        revokedAt: now,
        revokedByName: actor.displayName,
        revokeReason: input.reason,
        updatedAt: now,
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('status', '=', 'valid')
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
    await trx
      .insertInto('certificateEvent')
      .values({
        id: newId(),
        certificateId: id,
        at: now,
        kind: 'revoked',
        actorId: actor.userId,
        actorName: actor.displayName,
        copyNo: null,
        note: input.reason,
      })
      .execute();
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

// ---------------------------------------------------------------------------------------------------
// Public verification
// ---------------------------------------------------------------------------------------------------

/** What /verify/<code> shows: validity, issuing village, date, type and a masked name; nothing else. */
export async function verify(deps: Deps, code: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(code)) notFound('证明');
  const c = await deps.db
    .selectFrom('certificate')
    .select([
      'id',
      'serial',
      'itemName',
      'regionCode',
      'regionName',
      'issuedOn',
      'holderNameMasked',
      'status',
      'revokedAt',
    ])
    .where('verificationCode', '=', code)
    .executeTakeFirst();
  if (!c) return notFound('证明');
  await deps.db
    .insertInto('certificateEvent')
    .values({
      id: newId(),
      certificateId: c.id,
      at: deps.clock.nowIso(),
      kind: 'verified',
      actorId: null,
      actorName: null,
      copyNo: null,
      note: null,
    })
    .execute();
  return {
    valid: c.status === 'valid',
    status: c.status as 'valid' | 'revoked',
    statusLabel: c.status === 'valid' ? '有效' : '已撤销',
    serial: c.serial,
    type: c.itemName,
    village: { code: c.regionCode, name: c.regionName },
    issuedOn: c.issuedOn,
    holderName: c.holderNameMasked,
    revokedOn: c.revokedAt ? shanghaiDate(new Date(c.revokedAt)) : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Refusal slips and promise forms
// ---------------------------------------------------------------------------------------------------

type CaseRow = Awaited<ReturnType<typeof repo.findCase>> & {};

export function presentCase(r: CaseRow) {
  const item = r.itemCode
    ? {
        code: r.itemCode,
        name: r.itemName ?? '',
        kind: r.itemKind ?? '',
        catalogId: r.catalogId ?? '',
        catalogTitle: r.catalogTitle ?? '',
        basis: r.itemBasis,
      }
    : null;
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as 'refusal' | 'promise',
    regionCode: r.regionCode,
    regionName: r.regionName,
    requestText: r.requestText,
    verdict: r.verdict,
    item,
    catalogVersionId: r.catalogVersionId,
    alternative:
      r.alternativeChannel || r.guidance
        ? { official: r.alternativeChannel, guidance: r.guidance, guidanceNote: GUIDANCE_NOTE }
        : null,
    reason: r.reason,
    holderName: r.holderNameMasked,
    idNumber: r.idNumberMasked,
    phone: r.phoneMasked,
    purpose: r.purpose,
    demander: r.demander,
    promiseText: r.promiseText ? (JSON.parse(r.promiseText) as string[]) : null,
    createdByName: r.createdByName,
    createdAt: r.createdAt,
    createdOn: r.createdOn,
    title: r.kind === 'refusal' ? '不予出具证明告知单' : '证明事项告知承诺书',
  };
}

const demanderKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

async function nextCaseNumber(trx: Kysely<DB>, villageCode: string, year: number, kind: 'refusal' | 'promise') {
  const seq = await repo.nextSeq(trx, villageCode, year, kind);
  return `${villageCode}-${year}-${kind === 'refusal' ? 'B' : 'C'}${String(seq).padStart(4, '0')}`;
}

/**
 * A printable refusal slip (不予出具告知单). Negative list: names the item and the alternative channel;
 * unlisted: explains that the village may not certify it without a basis; a positive-list item may be
 * refused only with a reason (e.g. the facts cannot be verified). When a demanding body is named for a
 * negative item, the demand is recorded as evidence for supervision.
 */
export async function refuse(
  deps: Deps,
  ctx: RequestContext,
  input: {
    q: string;
    holderName: string | null;
    purpose: string | null;
    demander: string | null;
    demanderKind: string;
    reason: string | null;
  },
) {
  const actor = ctx.actor!;
  const village = await myVillage(deps, actor);
  const { judge, verdict, item } = await judgeRequest(deps, village.code, input.q);
  if (verdict === 'positive' && !input.reason)
    badRequest('reason', '该证明属于村级组织出具证明事项目录，拒绝出具须写明理由（如事实无法核实）');
  const reason =
    verdict === 'negative'
      ? `“${input.q}”属于《${item!.catalogTitle}》所列事项（${item!.code}“${item!.name}”），村级组织不应出具。${input.reason ? `另：${input.reason}` : ''}`
      : verdict === 'unlisted'
        ? `“${input.q}”不在村级组织出具证明事项目录内，且无法律法规依据，村级组织不予出具。${input.reason ? `另：${input.reason}` : ''}`
        : `经核实，${input.reason}`;
  const now = deps.clock.nowIso();
  const day = today(deps);
  const year = Number(day.slice(0, 4));
  await repo.ensureCounter(deps.db, village.code, year, 'refusal');
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const number = await nextCaseNumber(trx, village.code, year, 'refusal');
    await trx
      .insertInto('certificateCase')
      .values({
        id,
        number,
        kind: 'refusal',
        regionCode: village.code,
        regionName: village.name,
        provinceCode: village.provinceCode,
        cityCode: village.cityCode,
        countyCode: village.countyCode,
        townshipCode: village.townshipCode,
        villageCode: village.villageCode,
        requestText: input.q,
        verdict,
        itemCode: item?.code ?? null,
        itemName: item?.name ?? null,
        itemKind: item?.kind ?? null,
        catalogId: item?.catalogId ?? null,
        catalogTitle: item?.catalogTitle ?? null,
        itemBasis: item?.basis ?? null,
        catalogVersionId: judge.versionId,
        alternativeChannel: item?.kind === 'negative_certificate' ? item.alternativeChannel : null,
        guidance: item?.kind === 'negative_certificate' ? item.guidance : null,
        reason,
        holderNameEnc: input.holderName
          ? deps.cipher.encrypt(input.holderName, at('certificate_case', id, 'holder_name_enc'))
          : null,
        holderNameMasked: input.holderName ? maskName(input.holderName) : null,
        idNumberEnc: null,
        idNumberIndex: null,
        idNumberMasked: null,
        phoneEnc: null,
        phoneIndex: null,
        phoneMasked: null,
        purpose: input.purpose,
        demander: input.demander,
        promiseText: null,
        createdBy: actor.userId,
        createdByName: actor.displayName,
        createdAt: now,
        createdOn: day,
      })
      .execute();
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
          note: `由不予出具告知单 ${number} 记录`,
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
  return getCase(deps, actor, 'refusal', id);
}

/** The 告知承诺 text (国办发〔2020〕42号 elements): what must be proven, the effect, the liability for a false promise. */
function promiseText(item: JudgedItem, village: string, purpose: string, demander: string | null) {
  return [
    `告知：根据《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）及本区确定的适用范围，“${item.name}”可以由申请人书面承诺代替证明。`,
    `证明义务和内容：申请人应当如实承诺与“${item.name}”有关的事实，用途为${purpose}${demander ? `（向${demander}提交）` : ''}。`,
    '承诺的效力：申请人作出书面承诺后，相关单位不再索要该证明；是否采用告知承诺由申请人自主选择，申请人也可以按原方式取得证明。',
    '不实承诺的责任：承诺不实的，有关单位可以终止办理、责令限期整改、撤销相关决定，依法追究法律责任，并按规定记入信用记录；有较严重不良信用记录或曾作出虚假承诺的申请人，在信用修复前不适用告知承诺。',
    `承诺：本人承诺以上所述事实真实、准确，知晓不实承诺的法律后果。（本告知承诺书由${village}留存一份）`,
  ];
}

/** Records a signed 告知承诺 form for an item the district has enabled (never otherwise). */
export async function promise(
  deps: Deps,
  ctx: RequestContext,
  input: {
    q: string;
    itemCode: string;
    holder: { name: string; idNumber: string | null; phone: string | null };
    purpose: string;
    demander: string | null;
  },
) {
  const actor = ctx.actor!;
  const village = await myVillage(deps, actor);
  const judge = await catalogJudge(deps, village.code, today(deps));
  const item = judge.item(input.itemCode);
  if (!item || !CERTIFICATE_KINDS.includes(item.kind))
    badRequest('itemCode', `事项 ${input.itemCode} 不在本村现行证明事项目录中`);
  const flag = await promiseFlag(deps.db, village.code, input.itemCode);
  if (!flag) throw new AppError('conflict', `本区尚未确定“${item!.name}”适用告知承诺制`);
  const now = deps.clock.nowIso();
  const day = today(deps);
  const year = Number(day.slice(0, 4));
  await repo.ensureCounter(deps.db, village.code, year, 'promise');
  const id = newId();
  const sealed = sealPersonal(deps, 'certificate_case', id, input.holder);
  const text = [...promiseText(item!, village.name, input.purpose, input.demander), `适用依据：${flag.basis}`];
  await deps.db.transaction().execute(async (trx) => {
    const number = await nextCaseNumber(trx, village.code, year, 'promise');
    await trx
      .insertInto('certificateCase')
      .values({
        id,
        number,
        kind: 'promise',
        regionCode: village.code,
        regionName: village.name,
        provinceCode: village.provinceCode,
        cityCode: village.cityCode,
        countyCode: village.countyCode,
        townshipCode: village.townshipCode,
        villageCode: village.villageCode,
        requestText: input.q,
        verdict: item!.kind === 'negative_certificate' ? 'negative' : 'positive',
        itemCode: item!.code,
        itemName: item!.name,
        itemKind: item!.kind,
        catalogId: item!.catalogId,
        catalogTitle: item!.catalogTitle,
        itemBasis: item!.basis,
        catalogVersionId: judge.versionId,
        alternativeChannel: null,
        guidance: null,
        reason: `告知承诺（适用依据：${flag.basis}）`,
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
        createdBy: actor.userId,
        createdByName: actor.displayName,
        createdAt: now,
        createdOn: day,
      })
      .execute();
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.promise',
      entity: 'certificate_case',
      entityId: id,
      regionCode: village.code,
      after: {
        number,
        itemCode: item!.code,
        holder: sealed.holderNameMasked,
        purpose: input.purpose,
        catalogVersionId: judge.versionId,
      },
    });
  });
  return getCase(deps, actor, 'promise', id);
}

export async function getCase(deps: Deps, actor: Actor, kind: 'refusal' | 'promise', id: string) {
  const r =
    (await repo.findCase(deps.db, actor, id, kind)) ?? notFound(kind === 'refusal' ? '不予出具告知单' : '告知承诺书');
  return presentCase(r);
}

export async function listCases(deps: Deps, actor: Actor, kind: 'refusal' | 'promise', page: number, pageSize: number) {
  const { total, items } = await repo.listCases(deps.db, actor, kind, page, pageSize);
  return { total, items: items.map(presentCase) };
}

// ---------------------------------------------------------------------------------------------------
// 告知承诺 item flags (district setting; default: nothing is promise-eligible)
// ---------------------------------------------------------------------------------------------------

export async function listPromiseItems(deps: Deps, actor: Actor) {
  const county = actor.grants
    .filter((g) => ['county', 'township', 'village', 'community'].includes(g.level))
    .map((g) => g.regionCode.slice(0, 6).padEnd(12, '0'))[0];
  if (!county) return [];
  const rows = await repo.promiseItems(deps.db, county);
  return rows.map((r) => ({
    itemCode: r.itemCode,
    itemName: r.itemName,
    enabled: Number(r.enabled) === 1,
    basis: r.basis,
    updatedByName: r.updatedByName,
    updatedAt: r.updatedAt,
    version: Number(r.version),
  }));
}

/** Enables or disables 告知承诺 for one certificate item in the district, with the basis document (audited). */
export async function setPromiseItem(
  deps: Deps,
  ctx: RequestContext,
  itemCode: string,
  input: { enabled: boolean; basis: string; version: number },
) {
  const actor = ctx.actor!;
  const county = configCounty(actor);
  ensure(county, '只有区民政局可以确定告知承诺事项');
  const judge: CatalogJudge = await catalogJudge(deps, county, today(deps));
  const item = judge.item(itemCode);
  if (!item || !CERTIFICATE_KINDS.includes(item.kind) || item.catchAll)
    throw new AppError('validation_failed', msg('catalogs.error.notCertificateItem', { code: itemCode }));
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.promiseItem(trx, county!, itemCode);
    if (!before) {
      if (input.version !== 0) throw new AppError('conflict');
      await trx
        .insertInto('certificatePromiseItem')
        .values({
          countyCode: county!,
          itemCode,
          itemName: item.name,
          enabled: input.enabled ? 1 : 0,
          basis: input.basis,
          updatedByName: actor.displayName,
          updatedAt: now,
          version: 1,
        })
        .execute();
    } else {
      const res = await trx
        .updateTable('certificatePromiseItem')
        .set({
          enabled: input.enabled ? 1 : 0,
          basis: input.basis,
          itemName: item.name,
          updatedByName: actor.displayName,
          updatedAt: now,
          version: input.version + 1,
        })
        .where('countyCode', '=', county!)
        .where('itemCode', '=', itemCode)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
    }
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.promise_item',
      entity: 'certificate_promise_item',
      entityId: itemCode,
      regionCode: county,
      before: before ? { enabled: Number(before.enabled) === 1, basis: before.basis } : null,
      after: { enabled: input.enabled, basis: input.basis },
    });
  });
  return (await listPromiseItems(deps, actor)).find((r) => r.itemCode === itemCode)!;
}

// ---------------------------------------------------------------------------------------------------
// Evidence: de-listed certificates still demanded (S-9 supervision)
// ---------------------------------------------------------------------------------------------------

async function insertDemand(
  trx: Kysely<DB>,
  deps: Deps,
  actor: Actor,
  village: Awaited<ReturnType<typeof regions.get>>,
  input: {
    demanderName: string;
    demanderKind: string;
    certificateName: string;
    demandedOn: string;
    note: string | null;
  },
  item: JudgedItem | null,
  catalogVersionId: string,
  caseId: string | null,
) {
  const id = newId();
  await trx
    .insertInto('certificateDemand')
    .values({
      id,
      regionCode: village.code,
      regionName: village.name,
      provinceCode: village.provinceCode,
      cityCode: village.cityCode,
      countyCode: village.countyCode,
      townshipCode: village.townshipCode,
      villageCode: village.villageCode,
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
    })
    .execute();
  return id;
}

export function presentDemand(d: CertificateDemandRow) {
  return {
    id: d.id,
    regionCode: d.regionCode,
    regionName: d.regionName,
    demanderName: d.demanderName,
    demanderKind: d.demanderKind,
    demanderKindLabel: DEMANDER_KIND_LABELS[d.demanderKind as keyof typeof DEMANDER_KIND_LABELS] ?? d.demanderKind,
    certificateName: d.certificateName,
    itemCode: d.itemCode,
    itemName: d.itemName,
    itemKind: d.itemKind,
    delisted: d.itemKind === 'negative_certificate',
    catalogVersionId: d.catalogVersionId,
    demandedOn: d.demandedOn,
    note: d.note,
    caseId: d.caseId,
    recordedByName: d.recordedByName,
    createdAt: d.createdAt,
  };
}
type CertificateDemandRow = DB['certificateDemand'];

/** Records that a body still demanded a certificate (matched against the catalogs: de-listed or not). */
export async function recordDemand(
  deps: Deps,
  ctx: RequestContext,
  input: {
    demanderName: string;
    demanderKind: string;
    certificateName: string;
    demandedOn: string;
    note: string | null;
  },
) {
  const actor = ctx.actor!;
  const village = await myVillage(deps, actor);
  if (input.demandedOn > today(deps)) badRequest('demandedOn', '日期不能晚于今天');
  const { judge, item } = await judgeRequest(deps, village.code, input.certificateName);
  let id = '';
  await deps.db.transaction().execute(async (trx) => {
    id = await insertDemand(trx, deps, actor, village, input, item, judge.versionId, null);
    await appendAudit(trx, deps, ctx, {
      action: 'certificates.demand',
      entity: 'certificate_demand',
      entityId: id,
      regionCode: village.code,
      after: { ...input, itemCode: item?.code ?? null, itemKind: item?.kind ?? null },
    });
  });
  const row = await deps.db.selectFrom('certificateDemand').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return presentDemand(row);
}

export async function listDemands(
  deps: Deps,
  actor: Actor,
  f: { demanderKey?: string; delistedOnly?: boolean },
  page: number,
  pageSize: number,
) {
  const { total, items } = await repo.listDemands(deps.db, actor, f, page, pageSize);
  return { total, items: items.map(presentDemand) };
}

export async function demandsByDemander(deps: Deps, actor: Actor) {
  const items = await repo.countDemandsByDemander(deps.db, actor);
  return { total: items.reduce((n, i) => n + i.count, 0), delisted: items.reduce((n, i) => n + i.delisted, 0), items };
}

export type { CertificateTable };
