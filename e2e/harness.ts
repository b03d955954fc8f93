/**
 * Browser-test harness: the real server as a child process (demo district, throw-away database) and
 * Debian's Chromium driven by playwright-core. It builds nothing: the test runner has already run
 * `node scripts/ensure-web-build.mjs`, so dist/web is current.
 *
 * Accessibility: `audit(page)` runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is, at
 * 1366 and 375 px and in the normal and 关怀 (care) mode, and fails on any violation. `screenshot()`
 * audits first, and `stop()` fails the file if a journey visited a page that was never audited, so a
 * page added later is checked as soon as a journey reaches it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result as AxeResult } from 'axe-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');
export const DEMO_PASSWORD = process.env.JIANFU_DEMO_PASSWORD ?? 'Jianfu@2023';
export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 375, height: 740 };

/** The axe-core rule tags that fail a journey: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Documented exceptions to the audit (each with its reason in docs/decisions.md): violations of `rule`
 * on elements matching `target` are not counted. Keep this list short.
 */
export const AXE_EXCEPTIONS: { rule: string; target: RegExp; reason: string }[] = [];

export type ThemeMode = 'normal' | 'care';
const CARE_KEY = 'jianfu.care';

/** A route without its ids (uuids, verification codes, numbers), the unit of audit coverage. */
export function routeKey(url: string): string {
  const { pathname } = new URL(url);
  return pathname
    .split('/')
    .map((seg) =>
      /^\d+$/.test(seg) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(seg) || /^[A-Za-z0-9_-]{20,}$/.test(seg) ? ':id' : seg,
    )
    .join('/');
}

/** Waits until the browser has painted twice (layout, styles and React effects have settled). */
export async function painted(page: Page) {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Switches 关怀模式 the way a second tab would (localStorage + storage event) and waits for the theme. */
export async function setThemeMode(page: Page, mode: ThemeMode) {
  await page.evaluate(
    ({ key, value }) => {
      localStorage.setItem(key, value);
      window.dispatchEvent(new StorageEvent('storage', { key, newValue: value }));
    },
    { key: CARE_KEY, value: mode === 'care' ? '1' : '0' },
  );
  await page.waitForFunction((m) => document.documentElement.dataset.theme === m, mode);
  await painted(page);
}

export async function themeMode(page: Page): Promise<ThemeMode> {
  return (await page.evaluate(() => document.documentElement.dataset.theme)) === 'care' ? 'care' : 'normal';
}

async function setWidth(page: Page, viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  await page.waitForFunction((w) => window.innerWidth === w, viewport.width);
  await painted(page);
}

function describeViolations(where: string, violations: AxeResult[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 6)
        .map(
          (n) =>
            `      ${n.target.join(' ')}  ${n.html.replace(/\s+/g, ' ').slice(0, 200)}\n        ${(n.failureSummary ?? '').split('\n').slice(0, 3).join(' | ')}`,
        )
        .join('\n');
      const more = v.nodes.length > 6 ? `\n      … and ${v.nodes.length - 6} more` : '';
      return `  ${where}: ${v.id} (${v.impact}) ${v.help}\n${nodes}${more}`;
    })
    .join('\n');
}

/** One audit record per page state × width × mode, for the report at the end of a file. */
export interface AuditRecord {
  route: string;
  width: number;
  mode: ThemeMode;
  violations: number;
  passes: number;
}

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /**
   * A fresh browser context (own cookies and storage) in Chinese, and a page in it. `errors` collects
   * uncaught page errors and console errors (except the browser's own "Failed to load resource" lines
   * for expected 401/403/404 answers).
   */
  newPage(viewport?: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  /**
   * Runs axe (WCAG_TAGS) on the page as it is now at both widths and in both modes, once per route
   * (and `state`, for a second state of the same page worth checking), and throws on any violation.
   * Viewport and mode are restored afterwards.
   */
  audit(page: Page, state?: string): Promise<void>;
  /** Audits the page (see audit), then saves a screenshot as e2e/screenshots/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** What was audited so far in this file. */
  audits: AuditRecord[];
  /** The last part of the server's output (for failure messages). */
  serverLog(): string;
  /** The answer of a captcha the server issued (read from its database, as a person reads the image). */
  captchaAnswer(id: string): Promise<string>;
  stop(): Promise<void>;
}

interface AuditState {
  visited: Set<string>;
  auditedRoutes: Set<string>;
  auditedKeys: Set<string>;
  audits: AuditRecord[];
}
// One harness per test file: the audit bookkeeping of the running one.
let auditState: AuditState | undefined;

/** See Harness.audit. */
export async function auditPage(page: Page, state?: string) {
  if (!auditState) throw new Error('auditPage before startHarness');
  const { auditedRoutes, auditedKeys, audits } = auditState;
  const route = routeKey(page.url());
  const name = state ? `${route} [${state}]` : route;
  auditedRoutes.add(route);
  const startWidth = page.viewportSize() ?? DESKTOP;
  const startMode = await themeMode(page);
  // The two reference widths, the nearer one first (a page at another width is audited at both).
  const near = startWidth.width <= (PHONE.width + DESKTOP.width) / 2 ? PHONE : DESKTOP;
  const far = near === PHONE ? DESKTOP : PHONE;
  const otherMode: ThemeMode = startMode === 'care' ? 'normal' : 'care';
  // Fewest switches: this mode and the other here, then the other mode and this one at the other width.
  const plan = [
    { viewport: near, mode: startMode },
    { viewport: near, mode: otherMode },
    { viewport: far, mode: otherMode },
    { viewport: far, mode: startMode },
  ].filter((c) => !auditedKeys.has(`${name} @${c.viewport.width} ${c.mode}`));
  if (!plan.length) return;
  // Audit the page at rest: data loaded, no spinner.
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  const failures: string[] = [];
  try {
    for (const c of plan) {
      if ((page.viewportSize()?.width ?? 0) !== c.viewport.width) await setWidth(page, c.viewport);
      if ((await themeMode(page)) !== c.mode) await setThemeMode(page, c.mode);
      const results = await Promise.race([
        // Only the WCAG A/AA rules; violations are all we read (skipping the detail of passes keeps a
        // run short). options() replaces what withTags() would set, so runOnly is given here.
        new AxeBuilder({ page })
          .options({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] })
          .analyze(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`axe did not finish on ${name} within 90 s`)), 90_000).unref(),
        ),
      ]);
      const violations = results.violations
        .map((v) => ({
          ...v,
          nodes: v.nodes.filter(
            (n) => !AXE_EXCEPTIONS.some((e) => e.rule === v.id && e.target.test(n.target.join(' '))),
          ),
        }))
        .filter((v) => v.nodes.length > 0);
      auditedKeys.add(`${name} @${c.viewport.width} ${c.mode}`);
      audits.push({
        route: name,
        width: c.viewport.width,
        mode: c.mode,
        violations: violations.reduce((n, v) => n + v.nodes.length, 0),
        passes: results.passes.length,
      });
      if (violations.length) failures.push(describeViolations(`${name} @${c.viewport.width}px ${c.mode}`, violations));
    }
  } finally {
    if ((page.viewportSize()?.width ?? 0) !== startWidth.width) await setWidth(page, startWidth);
    if ((await themeMode(page)) !== startMode) await setThemeMode(page, startMode);
  }
  if (failures.length && process.env.JIANFU_AXE_REPORT) {
    // Survey mode: list every violation of the whole suite instead of stopping at the first page.
    fs.appendFileSync(path.join(SCREENSHOTS, 'axe-violations.txt'), `${failures.join('\n')}\n`);
    return;
  }
  if (failures.length)
    throw new Error(`accessibility violations (axe-core, ${WCAG_TAGS.join(', ')}):\n${failures.join('\n')}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills the child's whole process group (npx/tsx spawn grandchildren), politely first. */
async function killGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await Promise.race([exited, sleep(2_000)]);
  }
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited early (code ${child.exitCode}, signal ${child.signalCode}):\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

/** `demoCampaign`: start with the demo's running campaign (npm run demo has it; most journeys build their own). */
export async function startHarness(opts: { demoCampaign?: boolean } = {}): Promise<Harness> {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `node scripts/ensure-web-build.mjs` first');
  // The journeys run the production artefact (compiled JavaScript), rebuilt here when src/ changed.
  if (spawnSync(process.execPath, ['scripts/ensure-server-build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0)
    throw new Error('the server did not compile: run `node scripts/ensure-server-build.mjs`');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const databaseUrl = process.env.E2E_DATABASE_URL ?? `sqlite:${path.join(tmp, 'e2e.db')}`;
  let output = '';
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
    cwd: ROOT,
    detached: true, // own process group, so teardown can kill everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      JIANFU_DEMO: '1',
      JIANFU_DEMO_PASSWORD: DEMO_PASSWORD,
      JIANFU_DEMO_CAMPAIGN: opts.demoCampaign ? '1' : '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JIANFU_PUBLIC_RATE_LIMIT: '0',
      JIANFU_LOG_LEVEL: process.env.JIANFU_LOG_LEVEL ?? 'warn',
    },
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // If the test process dies without teardown, do not leave a server behind.
  const onExit = () => {
    try {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let browser: Browser | undefined;
  const { visited, auditedRoutes, audits } = (auditState = {
    visited: new Set<string>(),
    auditedRoutes: new Set<string>(),
    auditedKeys: new Set<string>(),
    audits: [] as AuditRecord[],
  } satisfies AuditState);
  const stop = async () => {
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await browser?.close().catch(() => undefined);
    await killGroup(child);
    fs.rmSync(tmp, { recursive: true, force: true });
    if (audits.length) {
      const pages = new Set(audits.map((a) => a.route)).size;
      console.log(
        `axe (${WCAG_TAGS.join(', ')}): ${pages} page states × ${new Set(audits.map((a) => a.width)).size} widths × ${new Set(audits.map((a) => a.mode)).size} modes = ${audits.length} runs, ${audits.reduce((n, a) => n + a.violations, 0)} violations\n${[
          ...new Set(audits.map((a) => a.route)),
        ]
          .map((r) => `  ${r}`)
          .join('\n')}`,
      );
    }
    const missed = [...visited].filter((r) => !auditedRoutes.has(r));
    if (missed.length)
      throw new Error(
        `pages visited but never audited (call h.audit(page) or h.screenshot() there): ${missed.join(', ')}`,
      );
  };

  try {
    await waitForHealth(baseUrl, child, () => output);
    browser = await chromium.launch({
      executablePath: process.env.JIANFU_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const b = browser;

  return {
    baseUrl,
    browser: b,
    async newPage(viewport = DESKTOP) {
      const context = await b.newContext({
        baseURL: baseUrl,
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        deviceScaleFactor: 1,
        // The app honours it by switching antd's motion off: colours never caught mid-transition.
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      // A wait is for a condition, not a timing: a shared CI machine under load may take far longer than
      // a quiet one (a live pre-check took over 20 s with two cores and load 12), so give conditions room.
      page.setDefaultTimeout(60_000);
      // A route counts as visited once it has rendered its page (an <h1> in <main>) and stayed there;
      // routes that only redirect (/ → the landing page) never do.
      page.on('framenavigated', (frame) => {
        const url = frame.url();
        if (frame !== page.mainFrame() || !url.startsWith(baseUrl)) return;
        page
          .waitForFunction(
            (u) => {
              // Rendered and still there half a second later (a redirect never is; a page left in
              // the DOM for a moment after the URL changed is not counted either).
              const seen = ((window as unknown as { __jfStable?: Record<string, number> }).__jfStable ??= {});
              seen[u] = location.href === u && document.querySelector('main h1') ? (seen[u] ?? 0) + 1 : 0;
              return seen[u] >= 5;
            },
            url,
            { timeout: 15_000, polling: 100 },
          )
          .then(() => {
            if (routeKey(url) !== '/') visited.add(routeKey(url)); // `/` only sends one to the landing page
          })
          .catch(() => undefined);
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          errors.push(`console: ${m.text()}`);
      });
      return { context, page, errors };
    },
    audits,
    async audit(page, state) {
      await auditPage(page, state);
    },
    async screenshot(page, name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await auditPage(page);
      // Let data, spinners and antd's open/close animations settle first.
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page
        .locator('.ant-spin-spinning')
        .first()
        .waitFor({ state: 'detached', timeout: 5_000 })
        .catch(() => undefined);
      await page.waitForTimeout(400);
      // Screenshots are for people to look at, not assertions: a busy machine can stall Chromium's
      // capture, so try twice and then say so instead of failing the journey around it.
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          await page.screenshot({ path: file, fullPage: false, timeout: 15_000 });
          return file;
        } catch (e) {
          if (attempt === 2) console.warn(`screenshot ${name} not taken: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      return file;
    },
    serverLog: () => output,
    async captchaAnswer(id) {
      if (databaseUrl.startsWith('sqlite:')) {
        const db = new SQLite(databaseUrl.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('select answer from captcha where id = ?').get(id) as { answer: string }).answer;
        } finally {
          db.close();
        }
      }
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        return (await c.query('select answer from captcha where id = $1', [id])).rows[0].answer as string;
      } finally {
        await c.end();
      }
    },
    stop,
  };
}

/** Signs in through the login page (in Chinese) and waits for the signed-in layout; `stay` uses the login page already open. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, opts: { stay?: boolean } = {}) {
  if (!opts.stay) await page.goto('/login');
  await page.getByLabel('用户名').waitFor();
  await auditPage(page);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('user-menu').waitFor();
  // The page one lands on is a page visited: audit it (once per file).
  await page.waitForURL((u) => u.pathname !== '/' && !u.pathname.startsWith('/login'));
  await page.locator('main h1').first().waitFor();
  await auditPage(page);
}

/** Signs out through the user dropdown and waits for the (plain) login page. */
export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(/\/login/);
  await page.getByRole('button', { name: /登\s*录/ }).waitFor();
  // A deliberate sign-out does not carry the last page over to whoever signs in next.
  if (new URL(page.url()).search) throw new Error(`sign-out left a redirect behind: ${page.url()}`);
}

/** The labels of the side menu (desktop Sider or the phone Drawer), top-level and nested. */
export async function menuLabels(page: Page, testId: 'side-menu' | 'drawer-menu' = 'side-menu'): Promise<string[]> {
  const menu = page.getByTestId(testId);
  await menu.waitFor();
  return (await menu.locator('.ant-menu-title-content').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/**
 * The district declares its duty and assistance catalogs complete (as after importing the official
 * annex tables; the import itself is the catalog journey's). Until then an out-of-catalog task is
 * 待核实（目录未完整）, never sent to the district government (issue 9).
 */
export async function declareCatalogsComplete(h: Harness) {
  const { context, page } = await h.newPage(DESKTOP);
  await signIn(page, 'demo-district');
  const me = await (await page.request.get('/api/auth/me')).json();
  const headers = { 'X-CSRF-Token': String(me.csrfToken) };
  for (const kind of ['duty', 'assistance']) {
    const cur = await (await page.request.get('/api/catalogs/completeness?region=140404000000')).json();
    const k = cur.kinds.find((x: { kind: string }) => x.kind === kind);
    if (k.status === 'complete' && k.source === 'set') continue;
    const res = await page.request.put('/api/catalogs/completeness', {
      headers,
      data: {
        region: '140404000000',
        kind,
        status: 'complete',
        note: '已导入正式目录（浏览器测试）',
        version: k.source === 'set' ? k.version : 0,
      },
    });
    if (res.status() !== 200) throw new Error(`completeness ${kind}: ${res.status()} ${await res.text()}`);
  }
  await context.close();
}
