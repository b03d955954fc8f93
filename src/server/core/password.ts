import { hash, verify } from '@node-rs/argon2';
import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** argon2id with the OWASP minimum parameters (m=19 MiB, t=2, p=1); runs off the main thread. */
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (plain: string) => hash(plain, OPTIONS);
export const verifyPassword = async (stored: string, plain: string) => {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
};

/** A fixed hash to verify against when the user does not exist, so timing does not reveal it. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => (dummy ??= hashPassword('jianfu-dummy-password-for-timing'));

export interface PasswordPolicy {
  minLength: number;
  adminMinLength: number;
  minClasses: number;
  /** Least zxcvbn score (0–4) a password must reach; 3 = about 10^8 guesses. */
  minScore: number;
}

/**
 * The product's own names: a password built on them is among the first an attacker tries here
 * (jianfu = 减负, jianfutong = 减负通).
 */
export const PRODUCT_WORDS = ['jianfu', 'jianfutong', 'jfutong', '减负通', '减负'];

// zxcvbn-ts ships the common-password list (the top passwords of public breach corpora) and keyboard
// adjacency graphs (1qaz@WSX is a keyboard walk); it estimates guesses for the whole password.
// Loaded on the first password check, not at start-up (its dictionaries take ~0.15 s to load).
let zxcvbn: ZxcvbnFactory | null = null;
const estimator = () => {
  if (zxcvbn) return zxcvbn;
  const require = createRequire(import.meta.url);
  const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  return (zxcvbn = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));
};

const folded = (s: string) =>
  s
    .toLowerCase()
    .replace(/[@4]/g, 'a')
    .replace(/0/g, 'o')
    .replace(/[1!|]/g, 'i')
    .replace(/3/g, 'e')
    .replace(/\$/g, 's');

/**
 * Returns the Chinese reasons a password is refused (empty when it passes): length (12 for
 * administrators and district roles), character classes, the username, the product and place names of
 * the deployment (`contextWords`: province, city, district and township names in pinyin), and the
 * common-password / keyboard-pattern estimate.
 */
export function checkPassword(
  policy: PasswordPolicy,
  plain: string,
  opts: { username?: string; admin?: boolean; contextWords?: readonly string[] } = {},
): string[] {
  const problems: string[] = [];
  const min = opts.admin ? Math.max(policy.adminMinLength, policy.minLength) : policy.minLength;
  if ([...plain].length < min) problems.push(`密码长度至少 ${min} 位`);
  if (plain.length > 128) problems.push('密码长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(plain)).length;
  if (classes < policy.minClasses)
    problems.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类`);
  const lower = plain.toLowerCase();
  const { username } = opts;
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  const words = [...PRODUCT_WORDS, ...(opts.contextWords ?? [])].filter((w) => [...w].length >= 2);
  const hit = words.find((w) => {
    const x = w.toLowerCase();
    return (x.length >= 4 || /\p{Script=Han}/u.test(x)) && (lower.includes(x) || folded(plain).includes(x));
  });
  if (hit) problems.push(`密码不能包含系统名称或本地地名（如“${hit}”）`);
  if (!hit && plain.length <= 128) {
    const r = estimator().check(plain, [...words, ...(username ? [username] : [])]);
    if (r.score < policy.minScore) problems.push('密码过于常见或有规律（常用密码、键盘序列、年份等），请换一个');
  }
  return problems;
}
