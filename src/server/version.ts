import fs from 'node:fs';

/** The package version, reported by /api/health and the OpenAPI document. */
export const VERSION: string = JSON.parse(
  fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;
