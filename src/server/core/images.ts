/**
 * Uploaded photos are decoded and encoded again (issue 14 L, AS-19): what is stored is only the pixels,
 * without EXIF (location, device, time), XMP, comments or text chunks, and without anything appended
 * to the file. EXIF orientation is applied first, so a turned photo stays upright. Pure JavaScript
 * (jimp), so nothing native is installed.
 */
import type { Jimp as JimpType } from 'jimp';
import { AppError } from './errors.js';

/** Refuse images over this many pixels before decoding them (decompression bombs). */
const MAX_PIXELS = 40_000_000;

function pngPixels(buf: Buffer): number | null {
  if (buf.length < 24 || buf.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return buf.readUInt32BE(16) * buf.readUInt32BE(20);
}

/** Re-encodes a PNG or JPEG; throws 415 for a file that does not decode as one. */
export async function reencodeImage(buf: Buffer, type: 'image/png' | 'image/jpeg'): Promise<Buffer> {
  const pixels = type === 'image/png' ? pngPixels(buf) : null;
  if (pixels !== null && pixels > MAX_PIXELS)
    throw new AppError('payload_too_large', '图片像素过多，请缩小后再上传（不超过 4000 万像素）');
  // Loaded on the first photo, not at start-up (jimp and its codecs take ~0.5 s to load).
  const { Jimp } = await import('jimp');
  let image: Awaited<ReturnType<typeof JimpType.read>>;
  try {
    image = await Jimp.read(buf, { 'image/jpeg': { maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 } });
  } catch {
    throw new AppError('unsupported_media_type', '图片无法识别或已损坏，请重新拍摄或另存为 PNG/JPEG 后上传');
  }
  return type === 'image/png' ? image.getBuffer('image/png') : image.getBuffer('image/jpeg', { quality: 88 });
}
