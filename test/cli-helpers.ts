import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabaseUrl, TEST_DIALECT } from './dialects.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A database of the dialect under test that a child process can open: a temporary SQLite file (an
 * in-memory database lives in one process only), or a fresh PostgreSQL database.
 */
export async function sharedDatabase(): Promise<{ url: string; file: string | null; drop: () => Promise<void> }> {
  if (TEST_DIALECT === 'postgres') {
    const { url, drop } = await freshDatabaseUrl();
    return { url, file: null, drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-cli-'));
  const file = path.join(dir, 'jianfu.db');
  return { url: `sqlite:${file}`, file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `npm run <script> -- args` from the repository root against DATABASE_URL=url. */
export function runScript(script: string, args: string[], url: string) {
  const r = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, JIANFU_LOG_LEVEL: 'warn', JIANFU_DEMO: '', NODE_ENV: 'test' },
    timeout: 60_000,
  });
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    output: `${r.stdout ?? ''}${r.stderr ?? ''}`,
  };
}
