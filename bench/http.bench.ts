/**
 * The real server as a child process, and what is measured against it over HTTP: cold start, RSS
 * from /proc/<pid>/status, autocannon throughput and latency, sequential request timings, a streamed
 * download, and `node --cpu-prof` profiles of the server. Used by bench/run.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ProfileSummary, Dialect } from './report.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DATA_DIR = join(ROOT, 'bench/.data');

// autocannon 9 has no type declarations in this repository: the part used here, typed by hand.
export interface AutocannonResult {
  requests: { average: number; mean: number; total: number; p50: number };
  latency: {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
    max: number;
    min: number;
  };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  start: Date;
  finish: Date;
  statusCodeStats?: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  setupRequest?: (req: AutocannonRequest, ctx: Record<string, unknown>) => AutocannonRequest;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult> & { stop?: () => void };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

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

// ------------------------------------------------------------------ CPU pinning

const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find((p) => existsSync(p)) ?? null;
/** The server on core 0, the load generator (this process) on core 1 (security/tests.md §8.5). */
export function pinningAvailable(): boolean {
  return process.env.BENCH_PIN !== '0' && TASKSET !== null && os.cpus().length >= 2;
}
export function pinSelf(core: number): boolean {
  if (!pinningAvailable()) return false;
  const r = spawnSync(TASKSET!, ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
  return r.status === 0;
}
export function unpinSelf(): void {
  if (!TASKSET) return;
  spawnSync(TASKSET, ['-a', '-p', '-c', `0-${os.cpus().length - 1}`, String(process.pid)], { stdio: 'ignore' });
}

// ------------------------------------------------------------------ /proc

export interface Mem {
  rssMb: number;
  hwmMb: number;
}
export function memOf(pid: number): Mem | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rssMb: round(kb('VmRSS') / 1024), hwmMb: round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}
/** Resets VmHWM to the current RSS (Linux clear_refs 5), so that a later VmHWM is the peak of one phase. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples VmRSS every `everyMs` while fn runs (a fallback and a cross-check of VmHWM). */
export async function sampledPeak<T>(
  pid: number,
  fn: () => Promise<T>,
  everyMs = 50,
): Promise<{ result: T; peakRssMb: number; hwmMb: number | null; hwmReset: boolean }> {
  const hwmReset = resetPeak(pid);
  let peak = memOf(pid)?.rssMb ?? 0;
  const t = setInterval(() => {
    const m = memOf(pid);
    if (m && m.rssMb > peak) peak = m.rssMb;
  }, everyMs);
  try {
    const result = await fn();
    const m = memOf(pid);
    if (m && m.rssMb > peak) peak = m.rssMb;
    return { result, peakRssMb: peak, hwmMb: hwmReset && m ? m.hwmMb : null, hwmReset };
  } finally {
    clearInterval(t);
  }
}

// ------------------------------------------------------------------ the server

export interface ServerOptions {
  databaseUrl: string;
  /** Extra environment (e.g. JIANFU_JOBS). */
  env?: Record<string, string>;
  /** Directory for `node --cpu-prof`. */
  cpuProfDir?: string;
  /** The script to run instead of the compiled server dist/server/main.js (a baseline); `.ts` runs through tsx. */
  script?: string;
  logFile: string;
  timeoutMs?: number;
}

export interface ServerHandle {
  pid: number;
  port: number;
  baseUrl: string;
  /** Spawn → first 200 from /api/health (ms). */
  startMs: number;
  command: string;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  log(): string;
}

export const SERVER_ENV = {
  NODE_ENV: 'production',
  // No JIANFU_SECRET: the server reads the key file the generator wrote beside the database (a secret here
  // would key field encryption differently from the data, and the server refuses to start).
  JIANFU_LOG_LEVEL: 'warn',
  // The bench users sign in with a password only; a request's cost after sign-in is the same with TOTP.
  JIANFU_MFA: 'optional',
  JIANFU_PUBLIC_RATE_LIMIT: '0',
  JIANFU_JOBS: 'off',
  JIANFU_DEMO: '0',
};

/** What production runs (`npm start`): the compiled server, rebuilt by ensureServerBuild() when src/ changed. */
export const SERVER_SCRIPT = 'dist/server/main.js';

export function ensureServerBuild(): void {
  const r = spawnSync(process.execPath, ['scripts/ensure-server-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/ensure-server-build.mjs exited ${r.status}`);
}

export async function startServer(opts: ServerOptions): Promise<ServerHandle> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const script = opts.script ?? SERVER_SCRIPT;
  const nodeArgs = [
    ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []),
    ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []),
    script,
  ];
  const [cmd, args] = pinningAvailable()
    ? [TASKSET!, ['-c', '0', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  let output = '';
  const t0 = performance.now();
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...SERVER_ENV,
      ...opts.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
  });
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-50_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitP = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      writeFileSync(opts.logFile, output);
      resolve(exited);
    }),
  );
  const kill = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const deadline = t0 + (opts.timeoutMs ?? 120_000);
  let startMs = NaN;
  for (;;) {
    if (exited) throw new Error(`server exited during start-up (${JSON.stringify(exited)}):\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) {
        await res.arrayBuffer();
        startMs = performance.now() - t0;
        break;
      }
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) {
      kill();
      throw new Error(
        `server did not answer /api/health within ${opts.timeoutMs ?? 120_000} ms:\n${output.slice(-4000)}`,
      );
    }
    await sleep(10);
  }
  return {
    pid: child.pid!,
    port,
    baseUrl,
    startMs,
    command: `${pinningAvailable() ? 'taskset -c 0 ' : ''}node ${nodeArgs.join(' ')}`,
    async stop() {
      process.removeListener('exit', kill);
      if (exited) return exited;
      child.kill('SIGTERM');
      const t = setTimeout(kill, 60_000);
      const r = await exitP;
      clearTimeout(t);
      return r;
    },
    log: () => output,
  };
}

/** The start-up and throughput baseline: a bare Fastify hello-world answering /api/health, run by plain node. */
export function baselineServerScript(): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = join(DATA_DIR, 'baseline-fastify.mjs');
  writeFileSync(
    file,
    `import Fastify from 'fastify';\n` +
      `const app = Fastify({ logger: false });\n` +
      `app.get('/api/health', async () => ({ status: 'ok' }));\n` +
      `await app.listen({ port: Number(process.env.PORT), host: process.env.HOST });\n` +
      `process.on('SIGTERM', () => app.close().then(() => process.exit(0)));\n`,
  );
  return relative(ROOT, file);
}

// ------------------------------------------------------------------ HTTP helpers

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${body.slice(0, 300)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('jianfu_sid='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie;
}

export async function getJson<T = unknown>(
  baseUrl: string,
  path: string,
  cookie?: string,
): Promise<{ status: number; ms: number; body: T }> {
  const t = performance.now();
  const res = await fetch(baseUrl + path, { headers: cookie ? { cookie } : {} });
  const text = await res.text();
  const ms = performance.now() - t;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, ms, body: body as T };
}

/** n sequential requests; every answer must be 200. */
export async function timeSequential(
  baseUrl: string,
  path: string,
  cookie: string | undefined,
  n: number,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await getJson(baseUrl, path, cookie);
    if (r.status !== 200) throw new Error(`GET ${path}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    out.push(r.ms);
  }
  return out;
}

/** Streams a download to nowhere: time to first byte, to last byte, bytes. */
export async function download(
  baseUrl: string,
  path: string,
  cookie?: string,
): Promise<{ status: number; ttfbMs: number; ms: number; bytes: number }> {
  const t = performance.now();
  const res = await fetch(baseUrl + path, { headers: cookie ? { cookie } : {} });
  const ttfbMs = performance.now() - t;
  let bytes = 0;
  if (res.body) for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return { status: res.status, ttfbMs, ms: performance.now() - t, bytes };
}

// ------------------------------------------------------------------ autocannon

export interface LoadSpec {
  baseUrl: string;
  /** One path, or several used in turn (one per request). */
  paths: string[];
  cookie?: string;
  connections: number;
  durationS: number;
  overallRate?: number;
}

export interface LoadFigures {
  rps: number;
  p50Ms: number;
  p97_5Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  durationS: number;
  connections: number;
  overallRate: number | null;
}

export async function load(spec: LoadSpec): Promise<LoadFigures> {
  let i = 0;
  const headers: Record<string, string> = spec.cookie ? { cookie: spec.cookie } : {};
  const requests: AutocannonRequest[] =
    spec.paths.length === 1
      ? [{ method: 'GET', path: spec.paths[0], headers }]
      : [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: spec.paths[i++ % spec.paths.length] }) }];
  const r = await autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    duration: spec.durationS,
    requests,
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    timeout: 30,
  });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return {
    rps: round(r.requests.total / r.duration, 1),
    p50Ms: r.latency.p50,
    p97_5Ms: r.latency.p97_5,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    meanMs: round(r.latency.mean, 2),
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
    durationS: round(r.duration, 2),
    connections: spec.connections,
    overallRate: spec.overallRate ?? null,
  };
}

/** The equivalent autocannon command line (for the README's command column). */
export function autocannonCommand(spec: Omit<LoadSpec, 'baseUrl' | 'cookie'> & { auth?: string }): string {
  const path = spec.paths.length === 1 ? spec.paths[0] : `${spec.paths[0]} (and ${spec.paths.length - 1} more in turn)`;
  return `autocannon -c ${spec.connections} -d ${spec.durationS}${spec.overallRate ? ` -R ${spec.overallRate}` : ''}${spec.auth ? ` -H cookie=<${spec.auth} session>` : ''} GET ${path}`;
}

// ------------------------------------------------------------------ CPU profiles

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node: internals';
  const p = url.replace(/^file:\/\//, '');
  if (p.startsWith(ROOT)) return relative(ROOT, p);
  return p;
}

/** Monotonic clock in µs: the clock of V8's profile timestamps (CLOCK_MONOTONIC on Linux), shared by every process. */
export const monoUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time by frame and by module. With a window (monoUs() values taken around the load), only the
 * samples inside it count, so that start-up and shutdown do not dilute the picture.
 */
const rank = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);

/** A frame's file: the package and file name for dependencies, the repository path for our code. */
function locationOf(url: string, fn: string): string {
  const m = moduleOf(url, fn);
  if (!url.includes('node_modules/')) return m;
  return `${m}/${url.slice(url.lastIndexOf('/') + 1)}`;
}

export function summariseProfile(
  file: string,
  title: string,
  dialect: Dialect,
  window?: { fromUs: number; toUs: number },
): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const inWindow =
    window && window.fromUs >= prof.startTime - 1e6 && window.toUs <= prof.endTime + 1e6 ? window : undefined;
  let t = prof.startTime;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < prof.samples.length; i++) {
    t += prof.timeDeltas[i] ?? 0;
    if (inWindow && (t < inWindow.fromUs || t > inWindow.toUs)) continue;
    first = Math.min(first, t);
    last = Math.max(last, t);
    selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  let idle = 0;
  let total = 0;
  const frames = new Map<string, number>();
  const modules = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const loc = url ? `${locationOf(url, functionName)}:${lineNumber + 1}:${columnNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}${loc ? ` ${loc}` : ''}`;
    frames.set(key, (frames.get(key) ?? 0) + us);
    const m = moduleOf(url, functionName || '(anonymous)');
    modules.set(m, (modules.get(m) ?? 0) + us);
  }
  const busy = Math.max(1, total - idle);
  return {
    title,
    dialect,
    file: relative(ROOT, file),
    durationMs: round(Number.isFinite(first) ? (last - first) / 1000 : (prof.endTime - prof.startTime) / 1000, 0),
    window: inWindow ? 'load only' : window ? 'whole process (window outside the profile)' : 'whole process',
    sampledMs: round(total / 1000, 0),
    idlePercent: round((idle / Math.max(1, total)) * 100, 1),
    topSelf: rank(frames)
      .slice(0, 20)
      .map(([frame, us]) => ({ frame, selfMs: round(us / 1000, 1), percent: round((us / busy) * 100, 1) })),
    byModule: rank(modules)
      .slice(0, 15)
      .map(([module, us]) => ({ module, selfMs: round(us / 1000, 1), percent: round((us / busy) * 100, 1) })),
  };
}

/** The main thread's profile (CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile; tsx's loader thread writes thread 1). */
export function newestProfile(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  const main = files.filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  const pick = main.length ? main : files;
  return pick.length ? join(dir, pick[pick.length - 1]) : null;
}
