/**
 * Personal-data validators and the server-side masks (GB/T 35273 7.2 展示限制; security requirement
 * PI-06). Masks are computed once at write time and stored beside the SM4 ciphertext, so lists and
 * exports never decrypt.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Upper-cases a trailing x and strips spaces. */
export const normalizeIdNumber = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** 18-digit resident ID number (GB 11643-1999): region, a real birth date, and the ISO 7064 check digit. */
export function isValidIdNumber(raw: string): boolean {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === id[17];
}

/** The check character for the first 17 digits (used by test factories). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export const normalizePhone = (s: string) => s.replace(/[\s-]+/g, '');

/** Mainland mobile number: 11 digits, 1[3-9]xxxxxxxxx. */
export const isValidMobile = (raw: string) => /^1[3-9]\d{9}$/.test(normalizePhone(raw));

/** `1404**********123X`: first 4 and last 4 kept (the birth date is hidden). */
export const maskIdNumber = (id: string) => `${id.slice(0, 4)}${'*'.repeat(Math.max(id.length - 8, 0))}${id.slice(-4)}`;

/** `138****1234`. */
export const maskPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`;

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
