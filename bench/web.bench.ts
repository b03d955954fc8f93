/**
 * The web app in headless Chromium against a running server: JavaScript bytes (gzip) that the login
 * page and the dashboard load, and the largest contentful paint of each (PerformanceObserver
 * 'largest-contentful-paint', buffered). Gzip: zlib's default level (6) over each JavaScript response
 * body. Every load is a cold one (a new browser context: empty cache). Used by bench/run.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Response } from 'playwright-core';
import { median, round, ROOT } from './http.bench.js';

export const CHROMIUM = process.env.JIANFU_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const VIEWPORT = { width: 1366, height: 768 };

export interface PageLoad {
  path: string;
  finalPath: string;
  jsFiles: number;
  jsBytes: number;
  jsGzipBytes: number;
  lcpMs: number | null;
  lcpElement: string | null;
  domContentLoadedMs: number;
  loadMs: number;
  /** What the page waited for: API answers one by one, scripts and styles summed (ms from navigation start). */
  timeline: { what: string; startMs: number; endMs: number }[];
}

export interface WebFigures {
  chromium: string;
  dashboardPath: string;
  dashboardNote: string | null;
  runs: number;
  login: {
    jsGzipKb: number;
    jsKb: number;
    jsFiles: number;
    jsGzipKbRuns: number[];
    lcpMedianMs: number | null;
    lcpRunsMs: (number | null)[];
  };
  dashboard: {
    jsGzipKb: number;
    jsKb: number;
    jsFiles: number;
    jsGzipKbRuns: number[];
    lcpMedianMs: number | null;
    lcpRunsMs: (number | null)[];
    lcpElement: string | null;
    timeline: PageLoad['timeline'];
  };
  loads: PageLoad[];
}

const LCP_SCRIPT = `
  window.jianfuLcp = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const el = e.element;
        window.jianfuLcp.push({ t: e.startTime, size: e.size, el: el ? (el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').filter(Boolean).slice(0, 2).join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"') : null });
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch (e) { window.jianfuLcpError = String(e); }
`;

/** The dashboard page: BENCH_DASHBOARD_PATH, else a campaign dashboard route if the web app has one, else the signed-in home page. */
export function dashboardPath(): { path: string; note: string | null } {
  if (process.env.BENCH_DASHBOARD_PATH) return { path: process.env.BENCH_DASHBOARD_PATH, note: null };
  const routes = join(ROOT, 'src/web/routes.tsx');
  const text = existsSync(routes) ? readFileSync(routes, 'utf8') : '';
  const all = [...text.matchAll(/path:\s*'([^']+)'/g)].map((m) => m[1]).filter((p) => !p.includes(':'));
  const found =
    all.find((p) => p === '/dashboard') ?? all.find((p) => /dashboard/i.test(p)) ?? all.find((p) => /rollup/i.test(p));
  if (found) return { path: found, note: null };
  return {
    path: '/home',
    note: 'the web app has no campaign roll-up dashboard page yet (src/web/routes.tsx lists none); measured the signed-in landing page /home (工作台) as the dashboard',
  };
}

async function loadPage(
  browser: Browser,
  baseUrl: string,
  path: string,
  cookie: string | null,
  settleMs: number,
): Promise<PageLoad> {
  const context: BrowserContext = await browser.newContext({
    baseURL: baseUrl,
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
  });
  try {
    if (cookie) {
      const [name, ...rest] = cookie.split('=');
      await context.addCookies([{ name, value: rest.join('='), url: baseUrl }]);
    }
    await context.addInitScript(LCP_SCRIPT);
    const page = await context.newPage();
    const pending: Promise<{ raw: number; gz: number } | null>[] = [];
    const broken: string[] = [];
    let lastResponse = Date.now();
    page.on('response', (res: Response) => {
      lastResponse = Date.now();
      if (res.status() >= 400 && new URL(res.url()).pathname.startsWith('/assets/'))
        broken.push(`${res.status()} ${new URL(res.url()).pathname}`);
      const type = res.request().resourceType();
      const ct = res.headers()['content-type'] ?? '';
      if (type !== 'script' && !ct.includes('javascript')) return;
      pending.push(
        res.body().then(
          (b) => ({ raw: b.length, gz: gzipSync(b).length }),
          () => null,
        ),
      );
    });
    await page.goto(path, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
    // Lazy chunks (charts) load after the data arrives: wait until nothing has arrived for a second.
    const until = Date.now() + 20_000;
    while (Date.now() - lastResponse < 1000 && Date.now() < until) await page.waitForTimeout(100);
    await page.waitForTimeout(settleMs);
    const lcp =
      (await page.evaluate(() => (window as unknown as { jianfuLcp: { t: number; el: string | null }[] }).jianfuLcp)) ??
      [];
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        path: new URL(r.name).pathname + new URL(r.name).search,
        type: r.initiatorType,
        start: r.startTime,
        end: r.responseEnd,
      }));
      return {
        dcl: n?.domContentLoadedEventEnd ?? NaN,
        load: n?.loadEventEnd ?? NaN,
        ttfb: n?.responseStart ?? NaN,
        res,
      };
    });
    const timeline: PageLoad['timeline'] = [{ what: 'HTML first byte', startMs: 0, endMs: round(nav.ttfb, 0) }];
    const group = (label: string, xs: typeof nav.res) => {
      if (xs.length)
        timeline.push({
          what: `${label} (${xs.length})`,
          startMs: round(Math.min(...xs.map((x) => x.start)), 0),
          endMs: round(Math.max(...xs.map((x) => x.end)), 0),
        });
    };
    group(
      'scripts',
      nav.res.filter((r) => r.path.endsWith('.js')),
    );
    group(
      'styles',
      nav.res.filter((r) => r.path.endsWith('.css')),
    );
    for (const r of nav.res.filter((x) => x.path.startsWith('/api/')))
      timeline.push({
        what: `GET ${r.path.replace(/bench-campaign-[^/?]+/, ':id')}`,
        startMs: round(r.start, 0),
        endMs: round(r.end, 0),
      });
    timeline.push({ what: 'DOMContentLoaded', startMs: 0, endMs: round(nav.dcl, 0) });
    timeline.sort((a, b) => a.endMs - b.endMs);
    if (broken.length)
      throw new Error(
        `assets failed to load (${broken.slice(0, 3).join(', ')}): dist/web changed after the server started (rebuilt by another process?)`,
      );
    const bodies = (await Promise.all(pending)).filter((x): x is { raw: number; gz: number } => x !== null);
    const last = lcp.length ? lcp[lcp.length - 1] : null;
    return {
      path,
      finalPath: new URL(page.url()).pathname,
      jsFiles: bodies.length,
      jsBytes: bodies.reduce((s, b) => s + b.raw, 0),
      jsGzipBytes: bodies.reduce((s, b) => s + b.gz, 0),
      lcpMs: last ? round(last.t, 0) : null,
      lcpElement: last?.el ?? null,
      domContentLoadedMs: round(nav.dcl, 0),
      loadMs: round(nav.load, 0),
      timeline: last
        ? [...timeline, { what: `LCP: ${last.el ?? '?'}`, startMs: 0, endMs: round(last.t, 0) }].sort(
            (a, b) => a.endMs - b.endMs,
          )
        : timeline,
    };
  } finally {
    await context.close();
  }
}

const med = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? round(median(v), 0) : null;
};
const kb = (b: number) => round(b / 1000, 1);
const lcps = (xs: PageLoad[]) => xs.map((x) => x.lcpMs);
/** The page's JavaScript: the largest set any load fetched (a load can end before a lazy chunk is asked for). */
const fullest = (xs: PageLoad[]) => xs.reduce((a, b) => (b.jsGzipBytes > a.jsGzipBytes ? b : a));
/** The load whose LCP is the median one. */
const medianRun = (xs: PageLoad[]) =>
  [...xs].sort((a, b) => (a.lcpMs ?? Infinity) - (b.lcpMs ?? Infinity))[Math.floor((xs.length - 1) / 2)];

export async function measureWeb(opts: {
  baseUrl: string;
  cookie: string;
  runs: number;
  settleMs?: number;
}): Promise<WebFigures> {
  const dash = dashboardPath();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const loads: PageLoad[] = [];
    // One untimed load of each page first: the server's first answers (static files from disk) are not the page's cost.
    await loadPage(browser, opts.baseUrl, '/login', null, 0);
    await loadPage(browser, opts.baseUrl, dash.path, opts.cookie, 0);
    const login: PageLoad[] = [];
    const board: PageLoad[] = [];
    for (let i = 0; i < opts.runs; i++) {
      // Interleaved, so that both pages see the same machine noise.
      login.push(await loadPage(browser, opts.baseUrl, '/login', null, opts.settleMs ?? 1000));
      board.push(await loadPage(browser, opts.baseUrl, dash.path, opts.cookie, opts.settleMs ?? 1000));
    }
    loads.push(...login, ...board);
    for (const b of board)
      if (b.finalPath !== dash.path)
        throw new Error(`dashboard load ended on ${b.finalPath}, not ${dash.path} (not signed in?)`);
    for (const l of login) if (l.finalPath !== '/login') throw new Error(`login page load ended on ${l.finalPath}`);
    const lf = fullest(login);
    const bf = fullest(board);
    return {
      chromium: browser.version(),
      dashboardPath: dash.path,
      dashboardNote: dash.note,
      runs: opts.runs,
      login: {
        jsGzipKb: kb(lf.jsGzipBytes),
        jsKb: kb(lf.jsBytes),
        jsFiles: lf.jsFiles,
        jsGzipKbRuns: login.map((x) => kb(x.jsGzipBytes)),
        lcpMedianMs: med(lcps(login)),
        lcpRunsMs: lcps(login),
      },
      dashboard: {
        jsGzipKb: kb(bf.jsGzipBytes),
        jsKb: kb(bf.jsBytes),
        jsFiles: bf.jsFiles,
        jsGzipKbRuns: board.map((x) => kb(x.jsGzipBytes)),
        lcpMedianMs: med(lcps(board)),
        lcpRunsMs: lcps(board),
        lcpElement: board[board.length - 1].lcpElement,
        timeline: medianRun(board).timeline,
      },
      loads,
    };
  } finally {
    await browser.close();
  }
}
