import { loadConfig } from './config.js';
import { composeDeps } from './compose.js';
import { buildApp } from './app.js';
import { withStartupLock } from './db/dialect.js';
import { bootstrap, loadDemo } from './features/accounts/bootstrap.js';
import { seedDemo, seedFeatures } from './features/index.js';

/** Composition root: config → db → migrate → app → jobs → listen, and a graceful SIGTERM. */
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
      const admin = await bootstrap(deps, config.region);
      if (admin) {
        // Printed once: the password is not stored anywhere in clear and must be changed at first login.
        process.stdout.write(
          `\n================ 初始系统管理员 / bootstrap administrator ================\n` +
            `  用户名 username: ${admin.username}\n  一次性密码 one-time password: ${admin.password}\n` +
            `  首次登录必须修改密码 / must be changed at first login\n` +
            `==========================================================================\n\n`,
        );
      }
    }
    return buildApp(deps);
  });
  if (config.jobs) deps.jobs.start();
  await app.listen({ port: config.http.port, host: config.http.host });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, '正在关闭 / shutting down');
    const hard = setTimeout(() => process.exit(1), 30_000);
    hard.unref();
    try {
      await app.close(); // stops accepting, finishes in-flight requests
      await deps.jobs.stop();
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
    `启动失败 / failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
