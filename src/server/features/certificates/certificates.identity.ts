/**
 * Personal-data validators (src/shared/identity.ts, shared with the desk) and the server-side masks
 * (GB/T 35273 7.2 展示限制; security requirement PI-06). Masks are computed once at write time and stored beside the SM4 ciphertext, so lists and
 * exports never decrypt.
 */
export {
  idCheckChar,
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskMobile as maskPhone,
  maskPersonalText,
  NAME_PATTERN,
  normalizeIdNumber,
  normalizePhone,
} from '../../../shared/identity.js';

/** `张*` for two characters, `张*明` / `欧阳**` style for longer names: first and last kept. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Patterns an unmasked ID or mobile number would match (for tests and output guards). */
export const CLEAR_ID_PATTERN = /(?<!\d)\d{17}[\dXx](?![\dXx])/;
export const CLEAR_PHONE_PATTERN = /(?<!\d)1[3-9]\d{9}(?!\d)/;
