import type { FieldCipher } from '../../core/crypto.js';
import { maskIdNumber, maskMobile as maskPhone } from '../../../shared/identity.js';
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

/** Where a sealed column lives: its MAC is bound to the table, the row and the column (issue 14 L). */
export const at = (table: 'certificate' | 'certificate_case', row: string, column: string) => ({ table, column, row });

export function sealPersonal(
  deps: { cipher: FieldCipher },
  table: 'certificate' | 'certificate_case',
  row: string,
  holder: { name: string; idNumber: string | null; phone: string | null },
) {
  const c = deps.cipher;
  return {
    holderNameEnc: c.encrypt(holder.name, at(table, row, 'holder_name_enc')),
    holderNameIndex: c.blindIndex(holder.name),
    holderNameMasked: maskName(holder.name),
    idNumberEnc: holder.idNumber ? c.encrypt(holder.idNumber, at(table, row, 'id_number_enc')) : null,
    idNumberIndex: holder.idNumber ? c.blindIndex(holder.idNumber) : null,
    idNumberMasked: holder.idNumber ? maskIdNumber(holder.idNumber) : null,
    phoneEnc: holder.phone ? c.encrypt(holder.phone, at(table, row, 'phone_enc')) : null,
    phoneIndex: holder.phone ? c.blindIndex(holder.phone) : null,
    phoneMasked: holder.phone ? maskPhone(holder.phone) : null,
  };
}
