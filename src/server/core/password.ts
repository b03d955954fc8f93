import { hash, verify } from '@node-rs/argon2';

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
  minClasses: number;
}

const COMMON = new Set([
  'password',
  'password1',
  'passw0rd',
  'p@ssw0rd',
  'qwerty123',
  '12345678',
  '123456789',
  '1234567890',
  'admin123',
  'admin@123',
  'abc12345',
  'abcd1234',
  'a1234567',
  'qwe123!@#',
  'aa123456',
  'woaini1314',
  'jianfu123',
]);

/** Returns the Chinese reasons a password is refused (empty when it passes). */
export function checkPassword(policy: PasswordPolicy, plain: string, username?: string): string[] {
  const problems: string[] = [];
  if ([...plain].length < policy.minLength) problems.push(`密码长度至少 ${policy.minLength} 位`);
  if (plain.length > 128) problems.push('密码长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(plain)).length;
  if (classes < policy.minClasses)
    problems.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类`);
  if (username && username.length >= 3 && plain.toLowerCase().includes(username.toLowerCase()))
    problems.push('密码不能包含用户名');
  if (COMMON.has(plain.toLowerCase())) problems.push('密码过于常见，请换一个');
  return problems;
}
