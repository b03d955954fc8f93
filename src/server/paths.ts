import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder (where package.json is), found by walking up from this module, so that the
 * same code finds `reference/`, `dist/web` and `package.json` whether it runs from `src/server` through tsx
 * or bundled into `dist/server/main.js`.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'jianfu')
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json of jianfu not found above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path below the project root. */
export const fromRoot = (...parts: string[]): string => path.join(ROOT, ...parts);
