#!/usr/bin/env node
// Security scan of the demo (T-V2, T-V9; issue 14): starts the server with the demo district on a
// throw-away SQLite database, signs in, then runs
//   - sqlmap against every GET /api route with query parameters (from /api/openapi.json), signed in
//     as a role that may call it, and
//   - wapiti (attack modules: sql, blindsql, xss, permanentxss, exec, file, crlf, redirect, ssrf) over
//     the web app and the same API URLs, signed in,
// and prints the figures. Exit 1 on any finding or when a tool is missing (Debian: apt-get install -y
// sqlmap wapiti). Called by `npm run verify:release`; runs on its own as `node scripts/security-scan.mjs`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-scan-'));
const maxUrls = Number(process.env.JIANFU_SCAN_MAX_URLS ?? 40);
const t0 = Date.now();

const missing = ['sqlmap', 'wapiti'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missing.length) {
  console.error(`缺少扫描工具 / missing: ${missing.join(', ')} (apt-get install -y sqlmap wapiti)`);
  process.exit(1);
}

const port = await new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const base = `http://127.0.0.1:${port}`;
if (spawnSync(process.execPath, ['scripts/ensure-server-build.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0)
  throw new Error('the server did not compile');
const server = spawn(process.execPath, ['dist/server/main.js'], {
  cwd: root,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    JIANFU_DEMO: '1',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${path.join(tmp, 'scan.db')}`,
    JIANFU_PUBLIC_RATE_LIMIT: '0',
    JIANFU_LOG_LEVEL: 'warn',
    JIANFU_JOBS: 'off',
  },
});
let serverLog = '';
server.stdout.on('data', (d) => (serverLog = (serverLog + d).slice(-5000)));
server.stderr.on('data', (d) => (serverLog = (serverLog + d).slice(-5000)));
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
};
process.on('exit', stop);

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    /* not yet */
  }
  if (i > 240 || server.exitCode !== null) {
    console.error(`server did not start:\n${serverLog}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 500));
}

const password = process.env.JIANFU_DEMO_PASSWORD ?? 'Jianfu@2023';
async function signIn(username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const me = await res.json();
  return { username, cookie, permissions: new Set(me.permissions) };
}
const actors = await Promise.all(
  ['demo-district', 'demo-village', 'demo-township', 'demo-sysadmin', 'demo-auditor', 'demo-secadmin'].map(signIn),
);

// GET routes with query parameters, and who may call them.
const doc = await (await fetch(`${base}/api/openapi.json`)).json();
const sample = (p) => {
  const s = p.schema ?? {};
  if (s.enum) return s.enum[0];
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return 'true';
  if (/region|code/i.test(p.name)) return '140404001200';
  if (/date|from|to/i.test(p.name) && s.pattern?.includes('\\d{4}')) return '2026-12-01';
  return 'a';
};
const targets = [];
for (const [route, ops] of Object.entries(doc.paths)) {
  const op = ops.get;
  if (!op || route.includes('{') || !route.startsWith('/api/')) continue;
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  if (!query.length) continue;
  const qs = new URLSearchParams(query.map((p) => [p.name, String(sample(p))])).toString();
  targets.push(`${base}${route}?${qs}`);
}
const chosen = targets.slice(0, maxUrls);
/** The first signed-in actor that gets a 2xx for the URL (or the district lead). */
async function actorFor(url) {
  for (const a of actors) {
    const res = await fetch(url, { headers: { cookie: a.cookie } });
    if (res.status < 300) return a;
  }
  return actors[0];
}

console.log(`扫描 / scanning ${base}: ${chosen.length} parameterised GET routes (of ${targets.length})`);
let sqlFindings = 0;
let sqlParams = 0;
for (const url of chosen) {
  const a = await actorFor(url);
  const r = spawnSync(
    'sqlmap',
    [
      '-u',
      url,
      '--cookie',
      a.cookie,
      '--batch',
      '--level=1',
      '--risk=1',
      '--threads=2',
      '--flush-session',
      '--disable-coloring',
      `--output-dir=${path.join(tmp, 'sqlmap')}`,
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  const out = `${r.stdout}${r.stderr}`;
  const found = (out.match(/identified the following injection point/g) ?? []).length;
  const tested = (out.match(/testing if (GET|Cookie) parameter/g) ?? []).length;
  sqlParams += tested;
  sqlFindings += found;
  console.log(`sqlmap ${found ? 'FOUND' : 'ok'}  ${url.replace(base, '')} (as ${a.username}, ${tested} parameters)`);
}

// wapiti, signed in as the district lead (the widest business view).
const district = actors[0];
const cookieFile = path.join(tmp, 'cookies.json');
fs.writeFileSync(
  cookieFile,
  JSON.stringify({
    '127.0.0.1': {
      '/': {
        [district.cookie.split('=')[0]]: {
          value: district.cookie.split('=').slice(1).join('='),
          expires: null,
          secure: false,
          port: null,
          version: 0,
        },
      },
    },
  }),
);
const report = path.join(tmp, 'wapiti.json');
const modules = 'sql,blindsql,xss,permanentxss,exec,file,crlf,redirect,ssrf';
const w = spawnSync(
  'wapiti',
  [
    '-u',
    `${base}/`,
    '--scope',
    'folder',
    '-c',
    cookieFile,
    '-m',
    modules,
    '-f',
    'json',
    '-o',
    report,
    '--flush-session',
    '--max-scan-time',
    String(process.env.JIANFU_WAPITI_SECONDS ?? 900),
    '-x',
    `${base}/api/auth/logout`,
    ...chosen.filter((u) => new URL(u).pathname.startsWith('/api/')).flatMap((u) => ['-s', u]),
  ],
  { encoding: 'utf8', timeout: 1_200_000 },
);
if (!fs.existsSync(report)) {
  console.error(`wapiti wrote no report (exit ${w.status}):\n${(w.stdout ?? '') + (w.stderr ?? '')}`.slice(-3000));
  process.exit(1);
}
const j = JSON.parse(fs.readFileSync(report, 'utf8'));
const vulns = Object.entries(j.vulnerabilities ?? {}).flatMap(([k, list]) => list.map((v) => ({ k, ...v })));
const anomalies = Object.entries(j.anomalies ?? {}).flatMap(([k, list]) => list.map((v) => ({ k, ...v })));
for (const v of vulns) console.log(`wapiti FOUND ${v.k}: ${v.method ?? ''} ${v.path ?? ''} ${v.info ?? ''}`);
for (const a of anomalies) console.log(`wapiti anomaly ${a.k}: ${a.method ?? ''} ${a.path ?? ''} ${a.info ?? ''}`);
const crawled = j.infos?.crawled_pages_nbr ?? j.infos?.crawled_pages?.length ?? '?';

console.log('\n=== 安全扫描汇总 / security scan summary ===');
console.log(`[security sqlmap] routes=${chosen.length} parameters=${sqlParams} injectable=${sqlFindings}`);
console.log(
  `[security wapiti] modules=${modules} crawled=${crawled} vulnerabilities=${vulns.length} anomalies=${anomalies.length}`,
);
const ok = sqlFindings === 0 && vulns.length === 0;
console.log(`${ok ? '通过 / PASSED' : '未通过 / FAILED'} in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
stop();
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
