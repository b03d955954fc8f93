#!/usr/bin/env node
// Builds the web app (vite) when dist/web is missing or older than its sources, so that
// `npm install && npm start` serves a current UI without a separate build step.
import { spawnSync } from 'node:child_process';
import { buildIfStale, root } from './build-stamp.mjs';

await buildIfStale(
  'dist/web/.build-hash',
  ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'],
  '正在构建网页端 / building the web app (vite)…',
  () => spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' }).status === 0,
);
