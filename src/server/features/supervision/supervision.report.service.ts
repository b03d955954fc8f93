/**
 * The public side (S-10): a report without an account, answered with a tracking code; the status page by
 * code (no personal data); the reporter's rating and one reopening within 15 days of the answer.
 * Abuse control without outside services: a per-address limit (a keyed hash of the address, never the
 * address) and the local captcha. Everything is checked before the one transaction that writes.
 */
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, msg } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { reencodeImage } from '../../core/images.js';
import { insertFile } from '../../core/files.repo.js';
import { zh, type MessageKey, type MessageParams } from '../../../shared/i18n.js';
import { REPORT_LIMITS, reportBody, type PublicStatus } from '../../../shared/supervision.js';
import { solvesCaptcha } from '../accounts/accounts.auth.js';
import { sniffEvidence } from '../campaigns/uploads.js';
import * as regions from '../regions/regions.service.js';
import { maskName } from '../certificates/certificates.identity.js';
import { ADDRESS_LIMIT, isTrackingCode, maskContact, newTrackingCode } from './supervision.model.js';
import { answersOf, caseBinding, deadlineFrom, FRESH_CASE, todayOf, villageColumns } from './supervision.common.js';
import * as repo from './supervision.repo.js';
import { addDays } from '../admission/admission.calendar.js';

export interface Photo {
  data: Buffer;
  truncated: boolean;
}

const invalid = (field: string, key: MessageKey, params?: MessageParams) =>
  new AppError('validation_failed', msg(key, params), { issues: [{ field, message: zh(key, params) }] });

/** A photo: a real PNG or JPEG within the size limit, re-encoded (no EXIF, no trailing bytes). */
async function acceptPhoto(p: Photo) {
  const mb = REPORT_LIMITS.photoMaxBytes / 1024 / 1024;
  if (p.truncated || p.data.length > REPORT_LIMITS.photoMaxBytes)
    throw new AppError('payload_too_large', msg('supervision.error.photoTooLarge', { mb }));
  const type = sniffEvidence(p.data);
  if (type !== 'image/png' && type !== 'image/jpeg')
    throw new AppError('unsupported_media_type', msg('supervision.error.photoType'));
  return { type, data: await reencodeImage(p.data, type) };
}

export async function submitReport(deps: Deps, ctx: RequestContext, raw: unknown, photos: Photo[]) {
  const now = deps.clock.nowIso();
  // 1. The address limit first: a flood costs one count query per request and writes nothing.
  const addressHash = deps.cipher.keyedHash('supervision.address', ctx.ip ?? 'unknown');
  const since = new Date(Date.parse(now) - ADDRESS_LIMIT.windowMinutes * 60_000).toISOString();
  if ((await repo.countFromAddress(deps.db, addressHash, since)) >= ADDRESS_LIMIT.count)
    throw new AppError('rate_limited', msg('supervision.error.tooMany', { minutes: ADDRESS_LIMIT.windowMinutes }));
  // 2. The fields.
  const parsed = reportBody.safeParse(raw);
  if (!parsed.success)
    throw new AppError('validation_failed', msg('supervision.error.invalid'), {
      issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  const input = parsed.data;
  const length = [...input.description].length;
  if (length > REPORT_LIMITS.descriptionMax)
    throw invalid('description', 'supervision.error.descriptionTooLong', { max: REPORT_LIMITS.descriptionMax, length });
  if ([...input.bodyConcerned].length > REPORT_LIMITS.bodyMax)
    throw invalid('bodyConcerned', 'supervision.error.bodyTooLong', { max: REPORT_LIMITS.bodyMax });
  if (!input.anonymous && !input.name) throw invalid('name', 'supervision.error.nameRequired');
  if (photos.length > REPORT_LIMITS.photosMax)
    throw invalid('photo', 'supervision.error.tooManyPhotos', { max: REPORT_LIMITS.photosMax });
  if (input.happenedOn && input.happenedOn > todayOf(deps)) throw invalid('happenedOn', 'supervision.error.future');
  const village = await regions.byCode(deps.db, input.regionCode);
  if (!village || (village.level !== 'village' && village.level !== 'community'))
    throw invalid('regionCode', 'supervision.error.villageUnknown');
  // 3. The captcha (single use), then the photos (decoding is the expensive part).
  if (!(await solvesCaptcha(deps, input.captchaId, input.captchaAnswer)))
    throw new AppError('captcha_required', msg('supervision.error.captcha'));
  const accepted: { type: string; data: Buffer }[] = [];
  for (const p of photos) accepted.push(await acceptPhoto(p));

  // 4. One transaction: the case, its photos, its first step and the audit row.
  const id = newId();
  const code = newTrackingCode();
  const name = input.anonymous ? null : input.name;
  const contact = input.anonymous ? null : input.contact || null;
  const b = caseBinding(id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertCase(trx, {
      id,
      code,
      source: 'public',
      flagId: null,
      category: input.category,
      ...villageColumns(village),
      bodyConcerned: input.bodyConcerned,
      descriptionEnc: deps.cipher.encrypt(input.description, b('description_enc')),
      happenedOn: input.happenedOn,
      anonymous: input.anonymous ? 1 : 0,
      reporterNameEnc: name ? deps.cipher.encrypt(name, b('reporter_name_enc')) : null,
      reporterNameMasked: name ? maskName(name) : null,
      contactEnc: contact ? deps.cipher.encrypt(contact, b('contact_enc')) : null,
      contactMasked: contact ? maskContact(contact) : null,
      addressHash,
      status: 'received',
      assigneeKind: null,
      assigneeId: null,
      assigneeName: null,
      dueOn: null,
      ...FRESH_CASE,
      createdAt: now,
      updatedAt: now,
    });
    for (const [i, p] of accepted.entries()) {
      const fileId = newId();
      const ext = p.type === 'image/png' ? 'png' : 'jpg';
      await insertFile(trx, {
        id: fileId,
        name: `photo-${i + 1}.${ext}`,
        contentType: p.type,
        data: p.data,
        createdBy: null,
        createdAt: now,
      });
      await repo.addPhoto(trx, id, fileId, i + 1);
    }
    await repo.addStep(trx, { caseId: id, kind: 'submitted', at: now, actorId: null, actorName: null });
    await appendAudit(trx, deps, ctx, {
      action: 'supervision.report',
      entity: 'supervision_case',
      entityId: id,
      regionCode: village.code,
      after: { code, category: input.category, anonymous: input.anonymous, photos: accepted.length },
    });
  });
  return { code, status: 'received' as const };
}

/** A case by tracking code; a malformed code or a wrong check character is "not found" at once. */
async function byCode(deps: Deps, raw: string) {
  const code = raw.trim().toUpperCase();
  const row = isTrackingCode(code) ? await repo.caseByCode(deps.db, code) : undefined;
  if (!row || row.source !== 'public') throw new AppError('not_found', msg('supervision.error.codeUnknown'));
  return row;
}

const reopenUntil = (row: repo.CaseRow) => (row.answeredOn ? addDays(row.answeredOn, REPORT_LIMITS.reopenDays) : null);
const answeredOrClosed = (row: repo.CaseRow) => row.status === 'answered' || row.status === 'closed';
const mayReopen = (deps: Deps, row: repo.CaseRow) =>
  answeredOrClosed(row) && row.reopenCount === 0 && !!row.answeredOn && todayOf(deps) <= reopenUntil(row)!;

export async function publicStatus(deps: Deps, code: string): Promise<PublicStatus> {
  const row = await byCode(deps, code);
  // A merged duplicate shows the answers of the case it was merged into.
  const target = row.mergedInto ? ((await repo.caseById(deps.db, row.mergedInto)) ?? row) : row;
  return {
    code: row.code,
    category: row.category as PublicStatus['category'],
    regionName: row.regionName,
    status: row.status as PublicStatus['status'],
    submittedAt: row.createdAt,
    answers: answersOf(target),
    rating: row.rating as PublicStatus['rating'],
    canRate: answeredOrClosed(row) && row.rating === null,
    canReopen: mayReopen(deps, row),
    reopenUntil: reopenUntil(row),
  };
}

const publicCtx = (ctx: RequestContext): RequestContext => ({ ...ctx, actor: null });

export async function rate(
  deps: Deps,
  ctx: RequestContext,
  code: string,
  input: { satisfied: boolean; comment: string },
) {
  const row = await byCode(deps, code);
  if (!answeredOrClosed(row) || row.rating !== null)
    throw new AppError('conflict', msg('supervision.error.cannotRate'));
  const now = deps.clock.nowIso();
  const rating = input.satisfied ? 'satisfied' : 'unsatisfied';
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateCase(trx, row.id, row.version, { rating, updatedAt: now })))
      throw new AppError('conflict', msg('supervision.error.stale'));
    await repo.addStep(trx, {
      caseId: row.id,
      kind: 'rated',
      at: now,
      actorId: null,
      actorName: null,
      note: input.comment || null,
      params: { rating },
    });
    await appendAudit(trx, deps, publicCtx(ctx), {
      action: 'supervision.rate',
      entity: 'supervision_case',
      entityId: row.id,
      regionCode: row.regionCode,
      after: { rating },
    });
  });
  return publicStatus(deps, row.code);
}

export async function reopen(deps: Deps, ctx: RequestContext, code: string, input: { reason: string }) {
  const row = await byCode(deps, code);
  if (!mayReopen(deps, row))
    throw new AppError('conflict', msg('supervision.error.cannotReopen', { days: REPORT_LIMITS.reopenDays }));
  const now = deps.clock.nowIso();
  const dueOn = await deadlineFrom(deps, row.countyCode);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateCase(trx, row.id, row.version, {
      status: row.assigneeId ? 'assigned' : 'received',
      reopenCount: row.reopenCount + 1,
      dueOn: row.assigneeId ? dueOn : null,
      rating: null,
      updatedAt: now,
    });
    if (!ok) throw new AppError('conflict', msg('supervision.error.stale'));
    await repo.addStep(trx, {
      caseId: row.id,
      kind: 'reopened',
      at: now,
      actorId: null,
      actorName: null,
      note: input.reason,
    });
    await appendAudit(trx, deps, publicCtx(ctx), {
      action: 'supervision.reopen',
      entity: 'supervision_case',
      entityId: row.id,
      regionCode: row.regionCode,
      before: { status: row.status },
      after: { status: 'assigned', dueOn },
    });
  });
  return publicStatus(deps, row.code);
}

/** Villages by name for the report form's picker. */
export const villages = (deps: Deps, q: string) => regions.searchVillagesPublic(deps, q);
