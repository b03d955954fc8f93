/**
 * Row search across villages (issue 15, S-9: finding what is left to cancel): a district user asks which
 * villages still have a 禁毒工作站 board, a township user sees only its own villages, every filter narrows,
 * paging is newest first without overlap, and the spreadsheet holds the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { launchedCampaign, ledgerOf, readWorkbook, userAt } from '../../../../test/fixtures/ledgers/helpers.js';

let t: TestApp;
let campaign: string;
let district: Agent;
let township: Agent;
/** Two villages of 韩店镇 (the demo township) and one of 苏店镇. */
const HAN_A = '140404001200';
const HAN_B = '140404001202';
const SU = '140404101200';

async function addRows(
  cadre: Agent,
  villageCode: string,
  rows: { category: string; name: string; imposedBy: string }[],
) {
  const ledger = await ledgerOf(t, campaign, villageCode);
  for (const r of rows) {
    const fields = r.category === 'sign' ? { position: 'outside' } : {};
    const res = await cadre.post(`/api/ledgers/${ledger}/rows`, { ...r, fields });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return ledger;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ id: campaign, district } = await launchedCampaign(t));
  township = await t.as('demo-township');
  await addRows(await t.as('demo-village'), HAN_A, [
    { category: 'sign', name: '禁毒工作站', imposedBy: '区禁毒委' },
    { category: 'sign', name: '村民委员会', imposedBy: '区民政局' },
  ]);
  await addRows(await userAt(t, 'cadre-han-b', 'village_cadre', HAN_B), HAN_B, [
    { category: 'sign', name: '禁毒工作站', imposedBy: '区禁毒委' },
  ]);
  await addRows(await userAt(t, 'cadre-su', 'village_cadre', SU), SU, [
    { category: 'sign', name: '禁毒工作站', imposedBy: '区禁毒委' },
    { category: 'work_affair', name: '禁毒宣传进村入户登记', imposedBy: '区禁毒委' },
  ]);
});
afterAll(() => t.close());

const search = (who: Agent, query: string) => who.get(`/api/campaigns/${campaign}/rows?${query}`);

describe('row search across villages (issue 15)', () => {
  it('finds the villages that still have a 禁毒工作站 board, newest change first, with village and township', async () => {
    const res = await search(district, `category=sign&q=${encodeURIComponent('禁毒工作站')}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((r: { villageCode: string }) => r.villageCode).sort()).toEqual([HAN_A, HAN_B, SU]);
    const stamps = res.body.items.map((r: { updatedAt: string }) => r.updatedAt);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    const su = res.body.items.find((r: { villageCode: string }) => r.villageCode === SU);
    expect(su).toMatchObject({ category: 'sign', name: '禁毒工作站', imposedBy: '区禁毒委', verdict: null });
    expect(su.townshipName).toBeTruthy();
    expect(su.villageName).toBeTruthy();
    expect(su.suggested).toMatch(/^(keep|cancel|merge|rectify|verify)$/);
  });

  it('keeps a township user to its own villages, in the count as in the rows', async () => {
    const res = await search(township, `q=${encodeURIComponent('禁毒')}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(new Set(res.body.items.map((r: { villageCode: string }) => r.villageCode))).toEqual(new Set([HAN_A, HAN_B]));
    // Asking for another township's subtree gives nothing, not its rows.
    const other = await search(township, 'region=140404101000');
    expect(other.status).toBe(200);
    expect(other.body.total).toBe(0);
  });

  it('narrows by region subtree, category, suggestion, verdict and status; text matches the body and village too', async () => {
    const bySu = await search(district, 'region=140404101000');
    expect(bySu.body.total).toBe(2);
    const affairs = await search(district, 'category=work_affair');
    expect(affairs.body.items.map((r: { name: string }) => r.name)).toEqual(['禁毒宣传进村入户登记']);
    const byBody = await search(district, `q=${encodeURIComponent('民政')}`);
    expect(byBody.body.items.map((r: { name: string }) => r.name)).toEqual(['村民委员会']);
    const undecided = await search(district, 'verdict=undecided');
    expect(undecided.body.total).toBe(5);
    expect((await search(district, 'verdict=keep')).body.total).toBe(0);
    expect((await search(district, 'status=draft')).body.total).toBe(5);
    expect((await search(district, 'status=approved')).body.total).toBe(0);
    const suggested = undecided.body.items[0].suggested as string;
    const bySuggestion = await search(district, `suggested=${suggested}`);
    expect(bySuggestion.body.total).toBeGreaterThan(0);
    expect(bySuggestion.body.items.every((r: { suggested: string }) => r.suggested === suggested)).toBe(true);
    // A wildcard is a character, not a pattern.
    expect((await search(district, `q=${encodeURIComponent('%')}`)).body.total).toBe(0);
  });

  it('pages without overlap and refuses bad filters with a Chinese message', async () => {
    const p1 = await search(district, 'pageSize=2&page=1');
    const p2 = await search(district, 'pageSize=2&page=2');
    const p3 = await search(district, 'pageSize=2&page=3');
    const ids = [...p1.body.items, ...p2.body.items, ...p3.body.items].map((r: { id: string }) => r.id);
    expect(p1.body.total).toBe(5);
    expect(new Set(ids).size).toBe(5);
    const bad = await search(district, 'category=poster');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('exports the same rows as a spreadsheet, with the filters and the count underneath', async () => {
    const res = await district.get(
      `/api/campaigns/${campaign}/rows/export?category=sign&q=${encodeURIComponent('禁毒工作站')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheets = await readWorkbook(res.raw);
    const [sheet] = Object.values(sheets);
    const header = sheet[0] as string[];
    expect(header).toContain('村（社区）代码');
    const codeAt = header.indexOf('村（社区）代码');
    const data = sheet.slice(1).filter((row) => /^\d{12}$/.test(String((row as unknown[])[codeAt] ?? '')));
    expect(data.map((row) => (row as unknown[])[codeAt]).sort()).toEqual([HAN_A, HAN_B, SU]);
    const text = JSON.stringify(sheet);
    expect(text).toContain('共 3 项');
    expect(text).toContain('类别=标识牌');
    // A township user's export holds its own villages only.
    const tw = await township.get(`/api/campaigns/${campaign}/rows/export?q=${encodeURIComponent('禁毒')}`);
    expect(JSON.stringify(await readWorkbook(tw.raw))).not.toContain(SU);
  });
});
