#!/usr/bin/env node
// Builds the web app (vite) when dist/web is missing or older than its sources, so that
// `npm install && npm start` serves a current UI without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stamp = path.join(root, 'dist/web/.build-hash');

function hashTree(dirs) {
  const h = crypto.createHash('sha256');
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else h.update(p).update(fs.readFileSync(p));
  };
  for (const d of dirs) walk(path.join(root, d));
  return h.digest('hex');
}

const hash = hashTree(['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json']);
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash && !process.argv.includes('--force'))
  process.exit(0);
console.log('正在构建网页端 / building the web app (vite)…');
const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
fs.writeFileSync(stamp, hash);
