/**
 * Client-side checks of personal data, for immediate feedback at the desk. The server validates again
 * (GB 11643 check digit, mainland mobile numbers); these only spare the cadre a round trip.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export const normalizeIdNumber = (s: string) => s.replace(/\s+/g, '').toUpperCase();

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

export const normalizePhone = (s: string) => s.replace(/[\s-]+/g, '');
export const isValidMobile = (raw: string) => /^1[3-9]\d{9}$/.test(normalizePhone(raw));
export const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·•.\s]+$/u;
