/** Supervision domain logic without I/O: tracking codes, the step table, deadlines. */
import crypto from 'node:crypto';
import { CODE_ALPHABET, type CaseStatus } from '../../../shared/supervision.js';

const N = CODE_ALPHABET.length; // 31, a prime: every weight below is invertible

/** The check character of 9 code characters: Σ (i+1)·value mod 31 (catches one wrong or two swapped characters). */
export function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += (i + 1) * CODE_ALPHABET.indexOf(body[i]);
  return CODE_ALPHABET[sum % N];
}

/** A new tracking code: 9 random characters (about 44 bits) and the check character. */
export function newTrackingCode(): string {
  const bytes = crypto.randomBytes(9);
  let body = '';
  // 256 is not a multiple of 31: draw again for the few values that would bias the result.
  for (let i = 0; i < 9; i += 1) {
    let b = bytes[i];
    while (b >= 248) b = crypto.randomBytes(1)[0];
    body += CODE_ALPHABET[b % N];
  }
  return body + checkChar(body);
}

/** True when the code is well formed and its check character fits (typos answer "no such code" at once). */
export function isTrackingCode(code: string): boolean {
  return /^[2-9A-HJKMNP-Z]{10}$/.test(code) && checkChar(code.slice(0, 9)) === code[9];
}

/** Which step may follow which status (受理 → 分办 → 核查 → 整改 → 答复 → 办结). */
export const STEP_FROM: Record<'assign' | 'investigate' | 'correct' | 'answer' | 'close' | 'merge', CaseStatus[]> = {
  assign: ['received', 'assigned', 'investigating', 'correcting'],
  investigate: ['assigned', 'investigating'],
  correct: ['investigating', 'correcting'],
  answer: ['investigating', 'correcting'],
  close: ['answered'],
  merge: ['received', 'assigned', 'investigating', 'correcting'],
};

/** Working days the assignee has to answer, counted from the day of assignment. */
export const ANSWER_WORKING_DAYS = 15;

/** Reports one address may send: this many in the window (then a clear 429). */
export const ADDRESS_LIMIT = { count: 5, windowMinutes: 10 };

/** `张*` / `张*明`; a contact keeps its first 3 and last 2 characters. */
export function maskName(name: string): string {
  const c = [...name.trim()];
  if (c.length <= 1) return '*';
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
}
export function maskContact(contact: string): string {
  const c = [...contact.trim()];
  if (c.length <= 5) return '*'.repeat(c.length);
  return `${c.slice(0, 3).join('')}${'*'.repeat(c.length - 5)}${c.slice(-2).join('')}`;
}
