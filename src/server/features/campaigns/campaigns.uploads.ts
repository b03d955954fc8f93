/**
 * Uploaded evidence and photos: the type by content (never by name), the size, and for photos a fresh
 * encoding (issue 14): only the pixels are kept, not EXIF location, device or comments.
 */
import { AppError } from '../../core/errors.js';
import { reencodeImage } from '../../core/images.js';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** The content type by magic bytes: PNG, JPEG or PDF; null for anything else (whatever it is called). */
export function sniffEvidence(buf: Buffer): 'image/png' | 'image/jpeg' | 'application/pdf' | null {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Checks an uploaded file by content and size; returns its type or throws 415/413 with a Chinese message. */
export function checkUpload(buf: Buffer, allowPdf: boolean, maxBytes = EVIDENCE_MAX_BYTES) {
  if (buf.length === 0)
    throw new AppError('validation_failed', '文件为空', { issues: [{ field: 'file', message: '文件为空' }] });
  if (buf.length > maxBytes)
    throw new AppError('payload_too_large', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩后再上传`);
  const type = sniffEvidence(buf);
  if (!type || (!allowPdf && type === 'application/pdf'))
    throw new AppError(
      'unsupported_media_type',
      allowPdf
        ? '只能上传 PNG、JPEG 图片或 PDF 文件（按文件内容识别，改扩展名无效）'
        : '只能上传 PNG 或 JPEG 图片（按文件内容识别）',
    );
  return type;
}

/** Checks an upload and re-encodes a photo; a PDF is kept as uploaded. */
export async function acceptUpload(buf: Buffer, allowPdf: boolean, maxBytes = EVIDENCE_MAX_BYTES) {
  const type = checkUpload(buf, allowPdf, maxBytes);
  return { type, data: type === 'application/pdf' ? buf : await reencodeImage(buf, type) };
}
