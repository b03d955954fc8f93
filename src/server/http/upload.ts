import type { FastifyRequest } from 'fastify';
import { AppError, msg } from '../core/errors.js';
import { zh } from '../../shared/i18n.js';

const isTooLarge = (err: unknown) => (err as { code?: string })?.code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Reads the one uploaded file (field `file`) of a multipart request into memory, refusing
 * non-multipart requests (415), a missing file (400) and files over `maxBytes` (413), each with a keyed
 * message.
 */
export async function readUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ data: Buffer; filename: string; mimetype: string }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', msg('upload.error.notMultipart'));
  const mb = (maxBytes / 1024 / 1024).toFixed(maxBytes < 1024 * 1024 ? 2 : 0);
  const tooLarge = () => new AppError('payload_too_large', msg('upload.error.tooLarge', { mb }));
  let part;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw isTooLarge(err) ? tooLarge() : err;
  }
  if (!part)
    throw new AppError('validation_failed', msg('upload.error.noFile'), {
      issues: [{ field: 'file', message: zh('upload.error.missingFile') }],
    });
  try {
    const data = await part.toBuffer();
    if (part.file.truncated) throw tooLarge();
    return { data, filename: part.filename ?? '', mimetype: part.mimetype };
  } catch (err) {
    throw isTooLarge(err) ? tooLarge() : err;
  }
}
