/** HTTP helpers of the campaigns routes: one uploaded file per request, files and spreadsheets sent back. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PassThrough } from 'node:stream';
import { AppError, msg } from '../../core/errors.js';
import { attachment } from '../../core/spreadsheets.js';
import { sendXlsx as xlsx } from '../../http/route.js';
import { zh } from '../../../shared/i18n.js';

/** The one uploaded file of a multipart request (field `file`; put other fields such as `note` before it). */
export async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', msg('campaigns.error.notMultipart'));
  const part = await req.file();
  if (!part)
    throw new AppError('validation_failed', msg('campaigns.error.noFile'), {
      issues: [{ field: 'file', message: zh('campaigns.error.noFileField') }],
    });
  const data = await part.toBuffer();
  const noteField = part.fields.note as { value?: unknown } | undefined;
  const note = typeof noteField?.value === 'string' ? noteField.value.trim().slice(0, 500) || null : null;
  return { filename: part.filename || 'file', data, note };
}

/** A stored file (evidence, photo), never sniffed or cached by the browser. */
export const sendFile = (reply: FastifyReply, f: { data: Buffer; contentType: string; name: string }) =>
  reply
    .header('content-type', f.contentType)
    .header('content-disposition', attachment(f.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(f.data);

/** A spreadsheet (streamed export or template), not cached. */
export const sendXlsx = (reply: FastifyReply, f: { filename: string; stream: PassThrough | Buffer }) =>
  xlsx(reply.header('cache-control', 'no-store'), f.filename, f.stream);
