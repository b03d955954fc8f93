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
  JIANFU_PUBLIC_RATE_LIMIT: int(60),
  JIANFU_LOG_LEVEL: z.string().default('info'),
  JIANFU_COOKIE_SECURE: bool,
  JIANFU_TRUST_PROXY: z.string().optional(),
  JIANFU_SESSION_IDLE_MINUTES: int(30),
  JIANFU_SESSION_ABSOLUTE_HOURS: int(12),
  JIANFU_LOCKOUT_THRESHOLD: int(5),
  JIANFU_LOCKOUT_MINUTES: int(30),
  JIANFU_PASSWORD_MIN_LENGTH: int(8),
  JIANFU_PASSWORD_MIN_CLASSES: int(3),
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
  secret: string;
  demo: { enabled: boolean; password: string };
  publicRateLimit: number;
  logLevel: string;
  cookieSecure: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  lockout: { threshold: number; minutes: number };
  password: { minLength: number; minClasses: number };
  auditRetentionDays: number;
  jobs: boolean;
  /** Catalog adjustments need an approver other than their proposer (a district with two or more leads). */
  catalogFourEyes: boolean;
  /** The deployment's district (6-digit division code), imported on a new database. */
  region: string;
}

const DEV_SECRET = 'jianfu-development-secret-not-for-production';

export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && (!e.JIANFU_SECRET || e.JIANFU_SECRET.length < 32)) {
    throw new Error(
      '配置错误：生产环境必须设置至少 32 个字符的 JIANFU_SECRET / JIANFU_SECRET (>= 32 chars) is required in production',
    );
  }
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
    secret: e.JIANFU_SECRET ?? DEV_SECRET,
    demo: { enabled: e.JIANFU_DEMO, password: e.JIANFU_DEMO_PASSWORD },
    publicRateLimit: e.JIANFU_PUBLIC_RATE_LIMIT,
    logLevel: e.JIANFU_LOG_LEVEL,
    cookieSecure: e.JIANFU_COOKIE_SECURE,
    session: { idleMinutes: e.JIANFU_SESSION_IDLE_MINUTES, absoluteHours: e.JIANFU_SESSION_ABSOLUTE_HOURS },
    lockout: { threshold: e.JIANFU_LOCKOUT_THRESHOLD, minutes: e.JIANFU_LOCKOUT_MINUTES },
    password: { minLength: e.JIANFU_PASSWORD_MIN_LENGTH, minClasses: e.JIANFU_PASSWORD_MIN_CLASSES },
    auditRetentionDays: e.JIANFU_AUDIT_RETENTION_DAYS,
    jobs: e.JIANFU_JOBS !== 'off',
    region: e.JIANFU_REGION,
    catalogFourEyes: e.JIANFU_CATALOG_FOUR_EYES,
    ...overrides,
  };
  return Object.freeze(config);
}
