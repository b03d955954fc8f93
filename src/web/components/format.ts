import dayjs from 'dayjs';

/** 2026-11-28 14:03:09 in the browser's time zone (Asia/Shanghai for our users). */
export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '');

/** A short, readable browser/OS summary of a User-Agent string. */
export function summarizeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '';
  const browser =
    /Edg\/(\d+)/.exec(ua)?.[0].replace('Edg/', 'Edge ') ??
    /QIHU|360SE|360EE/.exec(ua)?.[0].replace(/.*/, '360 浏览器') ??
    /Firefox\/(\d+)/.exec(ua)?.[0].replace('/', ' ') ??
    /(?:HeadlessChrome|Chrome)\/(\d+)/.exec(ua)?.[0].replace('/', ' ') ??
    (/Safari\//.test(ua) ? 'Safari' : null) ??
    ua.slice(0, 40);
  const os = /Windows NT/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}

/** Pads a 2/4/6/9-digit division code to 12 digits, the form the API stores (140404 → 140404000000). */
export function normalizeRegionQuery(q: string): string {
  const s = q.trim();
  if (/^\d+$/.test(s) && [2, 4, 6, 9].includes(s.length)) return s.padEnd(12, '0');
  return s;
}
