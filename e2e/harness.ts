/**
 * Browser-test harness: the real server as a child process (demo district, throw-away database) and
 * Debian's Chromium driven by playwright-core. It builds nothing: the test runner has already run
 * `node scripts/ensure-web-build.mjs`, so dist/web is current.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import SQLite from 'better-sqlite3';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');
export const DEMO_PASSWORD = process.env.JIANFU_DEMO_PASSWORD ?? 'Jianfu@2023';
export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 375, height: 740 };

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
  /** Saves a screenshot as e2e/screenshots/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** The last part of the server's output (for failure messages). */
  serverLog(): string;
  /** The answer of a captcha the server issued (read from its database, as a person reads the image). */
  captchaAnswer(id: string): Promise<string>;
  stop(): Promise<void>;
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

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `node scripts/ensure-web-build.mjs` first');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const databaseUrl = process.env.E2E_DATABASE_URL ?? `sqlite:${path.join(tmp, 'e2e.db')}`;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    detached: true, // own process group, so teardown can kill everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      JIANFU_DEMO: '1',
      JIANFU_DEMO_PASSWORD: DEMO_PASSWORD,
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
  const stop = async () => {
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await browser?.close().catch(() => undefined);
    await killGroup(child);
    fs.rmSync(tmp, { recursive: true, force: true });
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
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          errors.push(`console: ${m.text()}`);
      });
      return { context, page, errors };
    },
    async screenshot(page, name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
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
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('user-menu').waitFor();
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
