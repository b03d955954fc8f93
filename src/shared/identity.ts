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

/** `1404**********123X`: first 4 and last 4 kept (the birth date is hidden). */
export const maskIdNumber = (id: string) => `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;

/** `138****1234`: first 3 and last 4 digits of a mobile number. */
export const maskMobile = (p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`;

// An 18-character ID number (or a 15-digit first-generation one) and a mainland mobile number, not
// part of a longer run of digits (order numbers, codes).
const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d{9})(?!\d)/g;

/**
 * Masks ID and mobile numbers found in free text (a certificate's purpose, facts, a note), so that
 * typed personal numbers never reach lists, exports or audit payloads in clear. Region codes (12
 * digits) and other digit runs are left alone.
 */
export function maskPersonalText(text: string): string {
  return text.replace(ID_IN_TEXT, (m) => maskIdNumber(m.toUpperCase())).replace(MOBILE_IN_TEXT, (m) => maskMobile(m));
}

/** True when free text contains an unmasked ID or mobile number. */
export const hasPersonalNumber = (text: string) => maskPersonalText(text) !== text;
