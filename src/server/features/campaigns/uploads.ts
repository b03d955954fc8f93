/**
 * Uploaded files of the campaigns feature (task evidence, board photos): checked by content and size,
 * never by name, photos re-encoded (issue 14: only the pixels are kept, not EXIF location, device or
 * comments), and stored in stored_file inside the caller's transaction.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { zh } from '../../../shared/i18n.js';
import { reencodeImage } from '../../core/images.js';
import { storeFile } from './tasks.repo.js';

/** Evidence files: at most 10 MB each (and never above the server's upload limit). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** The content type by magic bytes: PNG, JPEG or PDF; null for anything else (whatever it is called). */
export function sniffEvidence(buf: Buffer): 'image/png' | 'image/jpeg' | 'application/pdf' | null {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Checks an uploaded file by content and size; returns its type or throws 415/413. */
export function checkUpload(buf: Buffer, allowPdf: boolean, maxBytes = EVIDENCE_MAX_BYTES) {
  if (buf.length === 0)
    throw new AppError('validation_failed', msg('campaigns.error.fileEmpty'), {
      issues: [{ field: 'file', message: zh('campaigns.error.fileEmpty') }],
    });
  if (buf.length > maxBytes)
    throw new AppError(
      'payload_too_large',
      msg('campaigns.error.fileTooLarge', { mb: Math.round(maxBytes / 1024 / 1024) }),
    );
  const type = sniffEvidence(buf);
  if (!type || (!allowPdf && type === 'application/pdf'))
    throw new AppError(
      'unsupported_media_type',
      msg(allowPdf ? 'campaigns.error.evidenceType' : 'campaigns.error.photoType'),
    );
  return type;
}

/** Checks an upload and re-encodes a photo; a PDF is kept as uploaded. */
export async function acceptUpload(buf: Buffer, allowPdf: boolean, maxBytes = EVIDENCE_MAX_BYTES) {
  const type = checkUpload(buf, allowPdf, maxBytes);
  return { type, data: type === 'application/pdf' ? buf : await reencodeImage(buf, type) };
}

const safeName = (name: string, type: string) => {
  // Path separators, reserved characters and control characters never reach a Content-Disposition header.
  const base =
    [...name.normalize('NFKC')]
      .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
      .join('')
      .slice(0, 100) || 'file';
  const ext = type === 'application/pdf' ? '.pdf' : type === 'image/png' ? '.png' : '.jpg';
  return base.toLowerCase().endsWith(ext) ? base : `${base}${ext}`;
};

/** Stores a checked upload in stored_file (inside the caller's transaction). */
export async function storeUpload(trx: Kysely<DB>, deps: Deps, actor: Actor, name: string, type: string, buf: Buffer) {
  const id = newId();
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const stored = safeName(name, type);
  await storeFile(trx, {
    id,
    name: stored,
    contentType: type,
    size: buf.length,
    sha256,
    data: buf,
    createdBy: actor.userId,
    createdAt: deps.clock.nowIso(),
  });
  return { id, sha256, name: stored };
}
