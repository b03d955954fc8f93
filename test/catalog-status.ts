import type { Agent } from './test-app.js';

/**
 * A district declares a catalog kind complete (as after importing the official table), through
 * PUT /api/catalogs/completeness: only then is a request "not in the catalog" rather than 待核实（目录未完整）.
 */
export async function declareComplete(district: Agent, region: string, kind: string) {
  const now = await district.get(`/api/catalogs/completeness?region=${region}`);
  const version = now.body.kinds.find((k: { kind: string }) => k.kind === kind)?.version ?? 0;
  return district.request('PUT', '/api/catalogs/completeness', {
    region,
    kind,
    status: 'complete',
    note: '已导入正式附件表格（测试）',
    version,
  });
}
