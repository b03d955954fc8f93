#!/usr/bin/env node
// Compiles the server (src/server + src/shared) into one ES module, dist/server/main.js, when it is missing or
// older than its sources, so that production runs plain JavaScript: no TypeScript loader at run time. Packages
// stay outside the bundle (they are loaded from node_modules as they are).
import path from 'node:path';
import { build } from 'esbuild';
import { buildIfStale, root } from './build-stamp.mjs';

await buildIfStale(
  'dist/server/.build-hash',
  ['src/server', 'src/shared', 'tsconfig.json', 'package-lock.json', 'scripts/ensure-server-build.mjs'],
  '正在编译服务端 / compiling the server (esbuild)…',
  async () => {
    try {
      await build({
        entryPoints: [path.join(root, 'src/server/main.ts')],
        outfile: path.join(root, 'dist/server/main.js'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        sourcemap: true,
        logLevel: 'warning',
      });
      return true;
    } catch {
      return false; // esbuild has printed the errors
    }
  },
);
