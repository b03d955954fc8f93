/**
 * Black-box harness for the reliability suite: real server child processes (own process group, killed
 * in afterAll), a plain node:http client with one connection per request (no pooled socket survives a
 * kill), fresh file/PostgreSQL databases, and direct database helpers for the checkers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import SQLiteCtor from 'better-sqlite3';
import { sql } from 'kysely';
import { loadConfig } from '../../src/server/config.js';
import { composeDeps } from '../../src/server/compose.js';
import { readKeyRing } from '../../src/server/core/keys.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { loadDemo } from '../../src/server/features/accounts/bootstrap.js';
import { appendAudit } from '../../src/server/core/audit.js';
import { hashPassword } from '../../src/server/core/password.js';
import { newId } from '../../src/server/core/ids.js';
import type { Role } from '../../src/shared/roles.js';
import { TEST_DIALECT, freshDatabaseUrl } from '../dialects.js';

export const REPO = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEMO_PASSWORD = 'Jianfu@2023';
export const DIALECT = TEST_DIALECT;

const envInt = (name: string, def: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : def;
};
/** Crash/restart iterations (5 in npm test, 50 in `npm run verify:release`). */
export const ITERATIONS = envInt('JIANFU_RELIABILITY_ITERATIONS', 5);
/** Concurrent-edit trials (5 in npm test, 100 in the release run). */
export const TRIALS = envInt('JIANFU_CONCURRENCY_TRIALS', 5);
/** SIGTERM-under-load iterations (2 in npm test, 20 in the release run). */
export const SHUTDOWN_ITERATIONS = envInt('JIANFU_SHUTDOWN_ITERATIONS', 2);

/** Prints one figure line (collected by scripts/verify-release.mjs from the output). */
export function figure(name: string, value: unknown) {
  process.stdout.write(
    `[reliability ${DIALECT}] ${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`,
  );
}

export const CJK = /[\u4e00-\u9fff]/;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const randomBetween = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

// ---------------------------------------------------------------- databases

export interface TestDb {
  url: string;
  /** The SQLite file (null on PostgreSQL). */
  file: string | null;
  drop(): Promise<void>;
}

const tempDirs: string[] = [];
export function tempDir(prefix = 'jianfu-rel-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(d);
  return d;
}

/** A fresh database of the dialect under test: a temp FILE on SQLite (child processes share it), a new PG database otherwise. */
export async function freshDb(): Promise<TestDb> {
  if (DIALECT === 'sqlite') {
    const dir = tempDir();
    const file = path.join(dir, 'jianfu.db');
    return { url: `sqlite:${file}`, file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const { url, drop } = await freshDatabaseUrl();
  return { url, file: null, drop };
}

/** Migrates the database and loads the demo district in-process (so child start-ups are quick and never race on it). */
export async function prepareDemo(
  url: string,
  extra?: (deps: Awaited<ReturnType<typeof composeDeps>>) => Promise<void>,
) {
  const config = loadConfig({ DATABASE_URL: url, JIANFU_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const deps = await composeDeps(config, { logger: pino({ level: 'silent' }) });
  try {
    await loadDemo(deps);
    if (extra) await extra(deps);
  } finally {
    await deps.database.close();
  }
}

/**
 * An extra account with one grant, written like the bootstrap does (audited, in one transaction).
 * Used for a city-level system administrator, whom the demo does not have.
 */
export async function addAccount(
  url: string,
  a: { username: string; role: Role; region: string; displayName?: string },
) {
  await prepareDemo(url, async (deps) => {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.nowIso();
      const id = newId();
      await trx
        .insertInto('appUser')
        .values({
          id,
          username: a.username,
          displayName: a.displayName ?? a.username,
          regionCode: a.region,
          departmentId: null,
          passwordHash,
          mustChangePassword: 0,
          passwordChangedAt: null,
          failedCount: 0,
          lockedUntil: null,
          status: 'active',
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
          demo: 1, // a test account on the demo password, like the demo accounts (no forced second factor)
        })
        .execute();
      await trx
        .insertInto('grant')
        .values({ id: newId(), userId: id, role: a.role, regionCode: a.region, createdAt: now, createdBy: null })
        .execute();
      await appendAudit(
        trx,
        deps,
        { actor: null, ip: null, requestId: 'reliability-setup' },
        {
          action: 'users.create',
          entity: 'user',
          entityId: id,
          actorName: 'system',
          regionCode: a.region,
          after: { username: a.username, role: a.role, regionCode: a.region },
        },
      );
    });
  });
}

/** Opens the database directly (the checker's view), runs `fn`, closes. */
/** The key ring a server on this database generated (the key file beside it), for verifying its audit chain. */
export const keysOf = (url: string) => readKeyRing(loadConfig({ DATABASE_URL: url } as NodeJS.ProcessEnv).keys);

export async function withDb<T>(url: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(url, { poolSize: 2 });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** SQLite only: `PRAGMA integrity_check` and `foreign_key_check` of a file (opening it also recovers the WAL, as a restart would). */
export function sqliteIntegrity(file: string): { integrity: string; foreignKeyProblems: number } {
  return withSqlite(file, (db) => ({
    integrity: String(db.pragma('integrity_check', { simple: true })),
    foreignKeyProblems: (db.pragma('foreign_key_check') as unknown[]).length,
  }));
}

export function withSqlite<T>(file: string, fn: (db: import('better-sqlite3').Database) => T): T {
  const db = new SQLiteCtor(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}
export async function countRows(url: string, table: string, where = ''): Promise<number> {
  return withDb(url, async ({ db }) => {
    const r = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(table)} ${sql.raw(where ? `where ${where}` : '')}`.execute(db);
    return Number(r.rows[0].n);
  });
}

// ---------------------------------------------------------------- child servers

export interface ServerProcess {
  pid: number;
  port: number;
  base: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  output(): string;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): void;
}

const children = new Set<ServerProcess>();
// Last line of defence: if the worker exits without afterAll (a crash), no server is left behind.
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** A free TCP port on 127.0.0.1 (bound once and released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT'])
    if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, NODE_ENV: 'test', JIANFU_LOG_LEVEL: 'warn', JIANFU_PUBLIC_RATE_LIMIT: '0', ...extra };
}

/** Starts `node --import tsx src/server/main.ts` on a fresh port and waits until /api/health answers 200. */
export async function startServer(
  url: string,
  env: Record<string, string> = {},
  opts: { timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO,
    env: childEnv({ DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', JIANFU_DEMO: '1', ...env }),
    detached: true, // own process group: killed as a group, never left behind
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 8_000_000) out = out.slice(-4_000_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  let done = false;
  void exited.then(() => (done = true));
  const proc: ServerProcess = {
    pid: child.pid!,
    port,
    base: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => out,
    alive: () => !done,
    kill: (signal = 'SIGKILL') => {
      if (done) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
    },
  };
  children.add(proc);
  void exited.then(() => children.delete(proc));
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (done) throw new Error(`server exited during start-up:\n${out}`);
    try {
      const r = await request(proc.base, 'GET', '/api/health', { timeoutMs: 2000 });
      if (r.status === 200) return proc;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      proc.kill();
      throw new Error(`server did not become healthy in time:\n${out}`);
    }
    await sleep(50);
  }
}

/** SIGKILLs every child process group this file started (call in afterAll and finally blocks). */
export async function killAll() {
  const all = [...children];
  for (const c of all) c.kill('SIGKILL');
  await Promise.all(all.map((c) => Promise.race([c.exited, sleep(5000)])));
}

export function cleanupTempDirs() {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

// ---------------------------------------------------------------- HTTP

export interface Res<T = any> {
  status: number;
  body: T;
  headers: http.IncomingHttpHeaders;
}

/** A network failure with the node error code (ECONNREFUSED: never reached the server; ECONNRESET etc.: indeterminate). */
export class NetError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** True when the request cannot have reached the server (no connection was made). */
  get neverSent() {
    return this.code === 'ECONNREFUSED';
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body (e.g. multipart) with its content type. */
  raw?: { data: Buffer; contentType: string };
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** One request on its own connection (agent: false). Rejects with NetError on network failure. */
export function request<T = any>(
  base: string,
  method: string,
  url: string,
  opts: RequestOptions = {},
): Promise<Res<T>> {
  return new Promise((resolve, reject) => {
    const data = opts.raw ? opts.raw.data : opts.body !== undefined ? Buffer.from(JSON.stringify(opts.body)) : null;
    const headers: Record<string, string | number> = { ...opts.headers };
    if (data) {
      headers['content-type'] = opts.raw ? opts.raw.contentType : 'application/json';
      headers['content-length'] = data.length;
    }
    const req = http.request(`${base}${url}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => reject(new NetError(e.code ?? 'ERESPONSE', e.message)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        if (String(res.headers['content-type'] ?? '').includes('json')) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        resolve({ status: res.statusCode ?? 0, body: body as T, headers: res.headers });
      });
    });
    req.setTimeout(opts.timeoutMs ?? 60_000, () =>
      req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (e: NodeJS.ErrnoException) => reject(new NetError(e.code ?? 'EUNKNOWN', e.message)));
    if (data) req.write(data);
    req.end();
  });
}

/** A signed-in client of one server (cookie + CSRF token). `base` may be switched to another process. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(public base: string) {}

  async req<T = any>(
    method: string,
    url: string,
    body?: unknown,
    opts: Omit<RequestOptions, 'body'> = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await request<T>(this.base, method, url, { ...opts, body, headers });
    const set = res.headers['set-cookie'];
    for (const c of set ?? []) {
      const [pair] = c.split(';');
      if (pair.startsWith('jianfu_sid=')) this.cookie = pair.endsWith('=') ? null : pair;
    }
    return res;
  }

  async login(username: string, password = DEMO_PASSWORD) {
    const res = await this.req('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrf = res.body.csrfToken;
    return res;
  }
}

export async function loginAs(base: string, username: string) {
  const c = new Client(base);
  await c.login(username);
  return c;
}

/** Multipart body with one file field. */
export function multipart(
  field: string,
  filename: string,
  data: Buffer,
  contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
) {
  const boundary = `----jianfu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { data: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Peak resident set size (VmHWM) and current RSS of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/** Runs a CLI (`node --import tsx <script> …args`) to completion. */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO,
      env: childEnv(env),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A test timeout that grows with the loop count (the release run multiplies the loops by 10–20). */
export const budget = (msPerUnit: number, units: number) => 120_000 + msPerUnit * units;

/**
 * Stops a server with SIGTERM (a graceful exit lets exceljs' `tmp` remove its temp files) and deletes
 * whatever temp files of that process remain (`tmp-<pid>-*`, e.g. after a crash). Returns how many were left.
 */
export async function stopAndSweep(server: ServerProcess | undefined): Promise<number> {
  if (!server) return 0;
  if (server.alive()) {
    server.child.kill('SIGTERM');
    await Promise.race([server.exited, sleep(15_000)]);
    server.kill('SIGKILL');
  }
  const left = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${server.pid}-`));
  for (const f of left) fs.rmSync(path.join(os.tmpdir(), f), { force: true });
  return left.length;
}
