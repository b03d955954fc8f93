import type { FastifyInstance, InjectOptions } from 'fastify';
import pino from 'pino';
import { loadConfig, type Config } from '../src/server/config.js';
import { composeDeps } from '../src/server/compose.js';
import { buildApp } from '../src/server/app.js';
import { FakeClock } from '../src/server/core/clock.js';
import { loadDemo } from '../src/server/features/accounts/bootstrap.js';
import { memoryKeyRing } from '../src/server/core/keys.js';
import { seedDemo, seedFeatures } from '../src/server/features/index.js';
import type { Deps } from '../src/server/deps.js';
import { freshDatabaseUrl } from './dialects.js';

export const DEMO_PASSWORD = 'Jianfu@2023';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  raw: Buffer;
}

/** An HTTP client over app.inject() that keeps the session cookie and sends the CSRF token. */
export class Agent {
  cookie: string | null = null;
  csrf: string | null = null;
  /** The client address the server sees (default 127.0.0.1). */
  ip: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  async request<T = any>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      ...(this.ip ? { remoteAddress: this.ip } : {}),
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      if (/^(__Host-)?jianfu_sid=/.test(pair)) this.cookie = pair.endsWith('=') ? null : pair;
    }
    const type = String(res.headers['content-type'] ?? '');
    return {
      status: res.statusCode,
      body: (type.includes('json') ? res.json() : res.body) as T,
      headers: res.headers,
      raw: res.rawPayload,
    };
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body: unknown = {}) {
    return this.request<T>('POST', url, body);
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }
  async login(username: string, password = DEMO_PASSWORD, extra: Record<string, string> = {}) {
    const res = await this.post('/api/auth/login', { username, password, ...extra });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: FakeClock;
  agent(): Agent;
  /** A new agent signed in as a demo account. */
  as(username: string): Promise<Agent>;
  close(): Promise<void>;
}

/** A migrated database of the dialect under test, the real app, and (by default) the demo district. */
export async function createTestApp(
  opts: { demo?: boolean; config?: Partial<Config>; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const { url, drop } = await freshDatabaseUrl();
  const config = loadConfig(
    // Staff sessions unlimited: tests keep several agents of one demo account (the limit of 3 is tested in
    // accounts.security.test.ts); administrators keep their one session.
    { DATABASE_URL: url, JIANFU_PUBLIC_RATE_LIMIT: '0', JIANFU_SESSION_MAX: '0', ...opts.env } as NodeJS.ProcessEnv,
    opts.config,
  );
  const clock = new FakeClock();
  // Keys are injected (a fixed test key ring): tests never write key files.
  const deps = await composeDeps(config, { clock, logger: pino({ level: 'silent' }), keys: memoryKeyRing('test') });
  deps.jobs.inline = true;
  await seedFeatures(deps);
  if (opts.demo !== false) {
    await loadDemo(deps);
    await seedDemo(deps);
  }
  const app = await buildApp(deps, { logLevel: 'error' });
  await app.ready();
  return {
    app,
    deps,
    clock,
    agent: () => new Agent(app),
    as: async (username) => {
      const a = new Agent(app);
      const res = await a.login(username);
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return a;
    },
    close: async () => {
      await app.close();
      await deps.database.close();
      await drop();
    },
  };
}
