import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Parsed once with zod and frozen; a bad value stops start-up with
 * every problem listed.
 */
const bool = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const int = (def: number) => z.coerce.number().int().min(0).default(def);

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: z.string().default('sqlite:./data/jianfu.db'),
  PORT: int(3000),
  HOST: z.string().default('127.0.0.1'),
  JIANFU_SECRET: z.string().optional(),
  JIANFU_DEMO: bool,
  JIANFU_DEMO_PASSWORD: z.string().default('Jianfu@2023'),
  /** With JIANFU_DEMO: start with a running campaign, partly filled ('0' leaves it out, as most browser tests do). */
  JIANFU_DEMO_CAMPAIGN: z.string().default('1'),
  JIANFU_PUBLIC_RATE_LIMIT: int(60),
  JIANFU_LOG_LEVEL: z.string().default('info'),
  JIANFU_COOKIE_SECURE: bool,
  JIANFU_TRUST_PROXY: z.string().optional(),
  JIANFU_SESSION_IDLE_MINUTES: int(30),
  JIANFU_SESSION_ABSOLUTE_HOURS: int(12),
  JIANFU_ADMIN_SESSION_IDLE_MINUTES: int(15),
  JIANFU_ADMIN_SESSION_ABSOLUTE_HOURS: int(8),
  JIANFU_SESSION_MAX: int(3),
  JIANFU_LOCKOUT_THRESHOLD: int(5),
  JIANFU_LOCKOUT_MINUTES: int(30),
  JIANFU_CAPTCHA_AFTER: int(3),
  JIANFU_IP_FAILURE_LIMIT: int(30),
  JIANFU_PASSWORD_MIN_LENGTH: int(8),
  JIANFU_ADMIN_PASSWORD_MIN_LENGTH: int(12),
  JIANFU_PASSWORD_MIN_CLASSES: int(3),
  JIANFU_PASSWORD_HISTORY: int(5),
  JIANFU_PASSWORD_MIN_SCORE: z.coerce.number().int().min(0).max(4).default(3),
  JIANFU_MFA: z.enum(['required', 'optional']).default('required'),
  JIANFU_KEY_FILE: z.string().optional(),
  JIANFU_AUDIT_ANCHOR_FILE: z.string().optional(),
  JIANFU_AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(1).default(60),
  JIANFU_ADMIN_USERNAMES: z
    .string()
    .optional()
    .refine((v) => !v || v.split(',').filter((s) => s.trim()).length === 3, '应为逗号分隔的 3 个用户名'),
  JIANFU_BODY_LIMIT_BYTES: int(1024 * 1024),
  JIANFU_UPLOAD_LIMIT_BYTES: int(20 * 1024 * 1024),
  JIANFU_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(184).default(365),
  JIANFU_JOBS: z.string().default('on'),
  JIANFU_CATALOG_FOUR_EYES: bool,
  JIANFU_REGION: z
    .string()
    .regex(/^\d{6}$/, '应为 6 位区县代码')
    .default('140404'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: string;
  production: boolean;
  db: { url: string };
  http: { port: number; host: string; bodyLimit: number; uploadLimit: number; trustProxy: string | boolean };
  /**
   * Keys. `secret` (JIANFU_SECRET) keys field encryption when set; otherwise the data secret comes from
   * the key file, generated beside the database on a first start. Audit keys always come from the key
   * file (null file: an in-memory database, keys live as long as the process).
   */
  keys: { file: string | null; secret: string | null };
  demo: { enabled: boolean; password: string; campaign: boolean };
  publicRateLimit: number;
  logLevel: string;
  cookieSecure: boolean;
  session: {
    idleMinutes: number;
    absoluteHours: number;
    adminIdleMinutes: number;
    adminAbsoluteHours: number;
    /** Concurrent sessions per staff account (administrators: always one); 0 = no limit. */
    maxPerUser: number;
  };
  /** Failed sign-ins: captcha after `captchaAfter` per name; growing delays per name and address after `threshold`, capped at `minutes`; `ipLimit` failures per address. */
  lockout: { threshold: number; minutes: number; captchaAfter: number; ipLimit: number };
  password: { minLength: number; adminMinLength: number; minClasses: number; history: number; minScore: number };
  /** TOTP is required of the three administrators and the district roles (`required`) or offered only. */
  mfa: { required: boolean };
  /** Names of the three administrators a new install creates (null: generated names). */
  adminUsernames: [string, string, string] | null;
  audit: { anchorFile: string | null; anchorMinutes: number };
  auditRetentionDays: number;
  jobs: boolean;
  /** Catalog adjustments need an approver other than their proposer (a district with two or more leads). */
  catalogFourEyes: boolean;
  /** The deployment's district (6-digit division code), imported on a new database. */
  region: string;
}

/** The constant earlier versions used without JIANFU_SECRET; refused, since it is public. */
const FORMER_DEV_SECRET = 'jianfu-development-secret-not-for-production';

/**
 * Where keys and chain-head anchors live by default: beside the SQLite file (`data/jianfu.db` →
 * `data/jianfu.keys.json`), or for PostgreSQL in ./data named after the database. Null for an
 * in-memory database.
 */
export function besideDatabase(url: string, suffix: string): string | null {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file || file === ':memory:') return null;
    const abs = path.resolve(file);
    return path.join(path.dirname(abs), `${path.basename(abs).replace(/\.(db|sqlite3?)$/i, '')}${suffix}`);
  }
  let name = 'jianfu';
  try {
    name = decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || name;
  } catch {
    /* keep the default name */
  }
  return path.resolve('data', `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}${suffix}`);
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const secret = e.JIANFU_SECRET ? e.JIANFU_SECRET : null;
  if (secret !== null && (secret.length < 32 || secret === FORMER_DEV_SECRET))
    throw new Error(
      '配置错误：JIANFU_SECRET 至少 32 个字符且不能是公开的旧默认值；不设置时首次启动会自动生成密钥文件 / JIANFU_SECRET must be at least 32 characters and not the former public default; leave it unset to generate a key file',
    );
  const admins = e.JIANFU_ADMIN_USERNAMES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const config: Config = {
    env: e.NODE_ENV,
    production,
    db: { url: e.DATABASE_URL },
    http: {
      port: e.PORT,
      host: e.HOST,
      bodyLimit: e.JIANFU_BODY_LIMIT_BYTES,
      uploadLimit: e.JIANFU_UPLOAD_LIMIT_BYTES,
      trustProxy: e.JIANFU_TRUST_PROXY ? e.JIANFU_TRUST_PROXY : false,
    },
    keys: { file: e.JIANFU_KEY_FILE ?? besideDatabase(e.DATABASE_URL, '.keys.json'), secret },
    demo: {
      enabled: e.JIANFU_DEMO,
      password: e.JIANFU_DEMO_PASSWORD,
      campaign: e.JIANFU_DEMO && e.JIANFU_DEMO_CAMPAIGN !== '0',
    },
    publicRateLimit: e.JIANFU_PUBLIC_RATE_LIMIT,
    logLevel: e.JIANFU_LOG_LEVEL,
    cookieSecure: e.JIANFU_COOKIE_SECURE,
    session: {
      idleMinutes: e.JIANFU_SESSION_IDLE_MINUTES,
      absoluteHours: e.JIANFU_SESSION_ABSOLUTE_HOURS,
      adminIdleMinutes: e.JIANFU_ADMIN_SESSION_IDLE_MINUTES,
      adminAbsoluteHours: e.JIANFU_ADMIN_SESSION_ABSOLUTE_HOURS,
      maxPerUser: e.JIANFU_SESSION_MAX,
    },
    lockout: {
      threshold: e.JIANFU_LOCKOUT_THRESHOLD,
      minutes: e.JIANFU_LOCKOUT_MINUTES,
      captchaAfter: e.JIANFU_CAPTCHA_AFTER,
      ipLimit: e.JIANFU_IP_FAILURE_LIMIT,
    },
    password: {
      minLength: e.JIANFU_PASSWORD_MIN_LENGTH,
      adminMinLength: e.JIANFU_ADMIN_PASSWORD_MIN_LENGTH,
      minClasses: e.JIANFU_PASSWORD_MIN_CLASSES,
      history: e.JIANFU_PASSWORD_HISTORY,
      minScore: e.JIANFU_PASSWORD_MIN_SCORE,
    },
    mfa: { required: e.JIANFU_MFA === 'required' },
    adminUsernames: admins && admins.length === 3 ? [admins[0], admins[1], admins[2]] : null,
    audit: {
      anchorFile: e.JIANFU_AUDIT_ANCHOR_FILE ?? besideDatabase(e.DATABASE_URL, '.audit-anchors.jsonl'),
      anchorMinutes: e.JIANFU_AUDIT_ANCHOR_MINUTES,
    },
    auditRetentionDays: e.JIANFU_AUDIT_RETENTION_DAYS,
    jobs: e.JIANFU_JOBS !== 'off',
    region: e.JIANFU_REGION,
    catalogFourEyes: e.JIANFU_CATALOG_FOUR_EYES,
    ...overrides,
  };
  return Object.freeze(config);
}
