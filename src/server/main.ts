import { loadConfig } from './config.js';
import { composeDeps } from './compose.js';
import { buildApp } from './app.js';
import { withStartupLock } from './db/dialect.js';
import { exportAnchor } from './core/audit.js';
import { adminBanner, bootstrap, loadDemo } from './features/accounts/bootstrap.js';
import { seedDemo, seedFeatures } from './features/index.js';

/** Composition root: config → db → keys → migrate → app → jobs → listen, and a graceful SIGTERM. */
async function main() {
  const config = loadConfig();
  const deps = await composeDeps(config);
  const app = await withStartupLock(deps.db, deps.dialect, async () => {
    await seedFeatures(deps);
    if (config.demo.enabled) {
      await loadDemo(deps);
      await seedDemo(deps);
      deps.logger.info('演示数据已加载（上党区）/ demo district loaded');
    } else {
      const admins = await bootstrap(deps, config.region);
      // Printed once: the passwords are not stored anywhere in clear and must be changed at first sign-in.
      if (admins.length) process.stdout.write(adminBanner(admins));
    }
    return buildApp(deps);
  });
  if (config.jobs) deps.jobs.start();

  // The signed chain head goes out at start, every JIANFU_AUDIT_ANCHOR_MINUTES and at shutdown.
  const anchor = async () => {
    const file = config.audit.anchorFile;
    if (!file) return;
    try {
      await exportAnchor(deps.db, deps.keys, file, deps.clock.nowIso());
    } catch (err) {
      deps.logger.error({ err }, '审计链头导出失败 / audit anchor export failed');
    }
  };
  await anchor();
  const anchorTimer = setInterval(() => void anchor(), config.audit.anchorMinutes * 60_000);
  anchorTimer.unref();

  await app.listen({ port: config.http.port, host: config.http.host });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.lifecycle.shuttingDown = true; // readiness answers 503 from now on
    app.log.info({ signal }, '正在关闭 / shutting down');
    const hard = setTimeout(() => process.exit(1), 30_000);
    hard.unref();
    try {
      clearInterval(anchorTimer);
      await app.close(); // stops accepting, finishes in-flight requests
      await deps.jobs.stop();
      await anchor();
      await deps.database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(
    err && (err as Error).name === 'KeyError'
      ? `启动失败 / failed to start:\n${(err as Error).message}\n`
      : `启动失败 / failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
