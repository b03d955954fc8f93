import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

// The API process. In development Vite serves the web app and forwards API calls to it.
const apiTarget = 'http://127.0.0.1:3000';

// src/web/api/*.ts are source modules served at /api/…; keep those with Vite, forward the rest.
const api: ProxyOptions = {
  target: apiTarget,
  bypass: (req) => (/\.(?:[cm]?[jt]sx?|css)(?:\?|$)/.test(req.url ?? '') ? req.url : undefined),
};

// The web app is built into dist/web and served by the API process (src/server/app.ts).
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, proxy: { '/api': api, '/verify': apiTarget } },
});
