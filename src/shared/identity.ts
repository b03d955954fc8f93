/**
 * Personal-data validators shared by the desk (immediate feedback) and the server (which validates
 * again): 18-digit resident ID numbers (GB 11643-1999) and mainland mobile numbers.
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

/** A person's name: Chinese characters, Latin letters, the middle dot (少数民族 / foreign names) and spaces. */
export const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·•.\s]+$/u;
