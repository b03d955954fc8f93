/**
 * `npm run db:migrate`: brings DATABASE_URL's schema to the latest version and prints the migrations
 * it applied (none when the database was already current).
 */
import { Migrator } from 'kysely';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { redactUrl, runCli } from './cli.js';

runCli(async (out) => {
  const config = loadConfig();
  // Opened directly rather than through composeDeps(), which would migrate before we could report.
  const database = openDatabase(config.db.url, { poolSize: 1 });
  try {
    out(`数据库 / database: ${redactUrl(config.db.url)}`);
    const applied = await migrateToLatest(database.db);
    if (applied.length) for (const name of applied) out(`已应用迁移 / applied: ${name}`);
    else out('数据库已是最新，没有需要应用的迁移 / already up to date');
    const all = await new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations },
    }).getMigrations();
    out(
      `共 ${all.length} 个迁移，已执行 ${all.filter((m) => m.executedAt).length} 个 / ${all.length} migrations, ${all.filter((m) => m.executedAt).length} executed`,
    );
    return 0;
  } finally {
    await database.close();
  }
});
