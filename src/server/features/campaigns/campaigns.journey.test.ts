/**
 * The API journey of the ledger issue (S-5, S-6, S-8): demo-village fills all four categories and
 * submits; demo-township returns it with a note; the village fixes and resubmits; the township
 * approves; demo-district sees the consolidated numbers change and finds them in the exported district
 * spreadsheet. Also: stale approvals and the next cycle (certificate suggestions: campaigns.certificates.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { importWorkbook, launchedCampaign, ledgerOf, readWorkbook } from '../../../../test/fixtures/ledgers/helpers.js';
import { verifyChain } from '../../core/audit.js';

let t: TestApp;
let campaignId: string;
let ledgerId: string;
let village: Agent;
let township: Agent;
let district: Agent;

/** The totals an exported sheet ends with. */
const isTotal = (row: unknown[]) => row[0] === '合计' || row[0] === '其中';

const HANDIAN = '140404001200';
const TOWNSHIP = '140404001000';

const ROWS = [
  { category: 'sign', name: '韩店村民委员会', imposedBy: '韩店街道办事处', fields: { position: 'outside' } },
  { category: 'sign', name: '中共韩店村支部委员会', imposedBy: '韩店街道党工委', fields: { position: 'outside' } },
  { category: 'sign', name: '韩店村禁毒工作站', imposedBy: '区禁毒委', fields: { position: 'outside' } },
  { category: 'sign', name: '韩店村党群服务中心', imposedBy: '区委组织部', fields: { position: 'inside' } },
  {
    category: 'mechanism',
    name: '人民调解委员会',
    imposedBy: '韩店村民委员会',
    basis: '《人民调解法》',
    fields: { dedicatedPost: false, staffBy: 'village', fundedBy: 'village', effective: true, villagersAccept: true },
  },
  {
    category: 'mechanism',
    name: '网格化服务管理工作站',
    imposedBy: '区委政法委',
    fields: { dedicatedPost: true, staffBy: 'village', fundedBy: 'village', effective: true, villagersAccept: true },
  },
  { category: 'work_affair', name: '协助做好社会救助', imposedBy: '长治市上党区民政局', fields: {} },
  { category: 'work_affair', name: '招商引资任务', imposedBy: '区商务局', fields: {} },
  { category: 'certificate', name: '亲属关系证明', imposedBy: '某商业银行', fields: { volumeLastYear: 30 } },
  { category: 'certificate', name: '入党外调政审证明', imposedBy: '区委组织部', fields: { volumeLastYear: 4 } },
] as const;

async function version() {
  return (await village.get(`/api/ledgers/${ledgerId}`)).body.ledger.version as number;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ id: campaignId, district } = await launchedCampaign(t, {
    phases: [
      { key: 'signs_certificates', deadline: '2026-12-10' },
      { key: 'mechanisms_affairs', deadline: '2026-12-31' },
    ],
  }));
  ledgerId = await ledgerOf(t, campaignId, HANDIAN);
  village = await t.as('demo-village');
  township = await t.as('demo-township');
});
afterAll(() => t.close());

describe('launch (S-5)', () => {
  it('created one ledger per village and community of 上党区, and reported progress to the end', async () => {
    const c = (await district.get(`/api/campaigns/${campaignId}`)).body;
    const villages = await t.deps.db
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('countyCode', '=', '140404000000')
      .where('level', 'in', ['village', 'community'])
      .executeTakeFirstOrThrow();
    expect(c.status).toBe('active');
    expect(c.ledgerCount).toBe(Number(villages.n));
    expect(c.launch).toMatchObject({ status: 'succeeded', progress: Number(villages.n), total: Number(villages.n) });
    // Launched on 2026-11-28, after the plan's 08-10: self-inspection is due 30 days after the start.
    expect(c.phases.map((p: any) => [p.key, p.deadline, p.movedFrom])).toEqual([
      ['self_inspection', '2026-12-28', '2026-08-10'],
      ['signs_certificates', '2026-12-10', null],
      ['mechanisms_affairs', '2026-12-31', null],
      ['permanent_rules', '2027-06-15', null],
    ]);
  });

  it('the village and the township see the district campaign; launching twice is refused', async () => {
    expect((await village.get('/api/campaigns')).body.items.map((c: any) => c.id)).toContain(campaignId);
    expect((await township.get(`/api/campaigns/${campaignId}`)).status).toBe(200);
    const c = (await district.get(`/api/campaigns/${campaignId}`)).body;
    expect((await district.post(`/api/campaigns/${campaignId}/launch`, { version: c.version })).status).toBe(409);
  });
});

describe('the journey', () => {
  let rollupBefore: any;

  it('demo-village fills all four categories and gets suggested verdicts citing clauses and catalog items', async () => {
    rollupBefore = (await district.get(`/api/campaigns/${campaignId}/rollup`)).body;
    const got: Record<string, any> = {};
    for (const r of ROWS) {
      const res = await village.post(`/api/ledgers/${ledgerId}/rows`, r);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      got[r.name] = res.body.row.suggestion;
    }
    expect(got['韩店村民委员会']).toMatchObject({ verdict: 'keep', clause: 'S-6.1' });
    expect(got['韩店村禁毒工作站']).toMatchObject({ verdict: 'cancel' });
    expect(got['人民调解委员会']).toMatchObject({ verdict: 'keep', clause: 'S-6.3', matchKind: 'statutory' });
    expect(got['人民调解委员会'].itemCode).toBeTruthy();
    expect(got['网格化服务管理工作站']).toMatchObject({ verdict: 'merge', clause: 'S-6.3' });
    expect(got['协助做好社会救助']).toMatchObject({ verdict: 'rectify', matchKind: 'assistance' });
    expect(got['协助做好社会救助'].flags).toContain('assistance_unfunded');
    expect(got['招商引资任务']).toMatchObject({ verdict: 'cancel', matchKind: 'prohibited' });
    expect(got['亲属关系证明']).toMatchObject({ verdict: 'cancel', matchKind: 'negative', clause: 'S-6.2' });
    expect(got['入党外调政审证明']).toMatchObject({ verdict: 'keep', matchKind: 'positive' });
    for (const s of Object.values(got)) expect(s.catalogVersion).toMatch(/^cv-/);
    const view = (await village.get(`/api/ledgers/${ledgerId}`)).body;
    expect(view.counts).toMatchObject({
      total: ROWS.length,
      undecided: ROWS.length,
      byCategory: { sign: 4, mechanism: 2, work_affair: 2, certificate: 2 },
    });
  });

  it('submitting requires every row decided; bulk-accept is one click; then it submits', async () => {
    const refused = await village.post(`/api/ledgers/${ledgerId}/submit`, { version: await version() });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.undecided).toHaveLength(ROWS.length);
    const acc = await village.post(`/api/ledgers/${ledgerId}/accept-all`, { version: await version() });
    expect(acc.status).toBe(200);
    expect(acc.body.accepted).toBe(ROWS.length);
    const ok = await village.post(`/api/ledgers/${ledgerId}/submit`, { version: acc.body.ledgerVersion });
    expect(ok.status).toBe(200);
    expect(ok.body.ledger).toMatchObject({ status: 'submitted', abilities: { edit: false, withdraw: true } });
    const row = ok.body.rows.sign[0];
    const edit = await village.patch(`/api/ledger-rows/${row.id}`, { name: '韩店村村民委员会', version: row.version });
    expect(edit.status).toBe(409);
    const inbox = (await township.get('/api/notifications')).body;
    expect(inbox.items.some((n: any) => n.kind === 'ledger.submitted' && n.entityId === ledgerId)).toBe(true);
  });

  it('demo-township returns it with a note the village sees', async () => {
    const v = (await township.get(`/api/ledgers/${ledgerId}`)).body;
    expect(v.ledger.abilities).toMatchObject({ approve: true, return: true, edit: false });
    expect(
      (await township.post(`/api/ledgers/${ledgerId}/return`, { note: '', version: v.ledger.version })).status,
    ).toBe(400);
    const res = await township.post(`/api/ledgers/${ledgerId}/return`, {
      note: '网格化服务管理工作站请核实是否有中央文件依据；请补充上年证明数量',
      version: v.ledger.version,
    });
    expect(res.status).toBe(200);
    const seen = (await village.get(`/api/ledgers/${ledgerId}`)).body;
    expect(seen.ledger).toMatchObject({ status: 'returned', returnNote: expect.stringContaining('网格化') });
    expect(seen.events.map((e: any) => e.action)).toEqual(['submit', 'return']);
    expect((await village.get('/api/notifications?unread=true')).body.items[0]).toMatchObject({
      kind: 'ledger.returned',
      body: expect.stringContaining('网格化'),
    });
  });

  it('the village fixes (edit + override with a reason) and resubmits', async () => {
    const view = (await village.get(`/api/ledgers/${ledgerId}`)).body;
    const grid = view.rows.mechanism.find((r: any) => r.name === '网格化服务管理工作站');
    const noReason = await village.post(`/api/ledger-rows/${grid.id}/decision`, {
      action: 'override',
      verdict: 'cancel',
      version: grid.version,
    });
    expect(noReason.status).toBe(400);
    const over = await village.post(`/api/ledger-rows/${grid.id}/decision`, {
      action: 'override',
      verdict: 'cancel',
      reason: '经核实无依据、无实际作用，予以撤销',
      version: grid.version,
    });
    expect(over.status).toBe(200);
    expect(over.body.row.decision).toMatchObject({ verdict: 'cancel', kind: 'overridden' });
    const cert = view.rows.certificate.find((r: any) => r.name === '亲属关系证明');
    const edited = await village.patch(`/api/ledger-rows/${cert.id}`, {
      fields: { volumeLastYear: 42 },
      version: cert.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.row.decision).toMatchObject({ verdict: 'cancel', kind: 'accepted' });
    const stale = await village.patch(`/api/ledger-rows/${cert.id}`, {
      fields: { volumeLastYear: 43 },
      version: cert.version,
    });
    expect(stale.status).toBe(409);
    const res = await village.post(`/api/ledgers/${ledgerId}/submit`, { version: edited.body.ledgerVersion });
    expect(res.status).toBe(200);
    expect(res.body.ledger.status).toBe('submitted');
  });

  it('the township approves; every non-compliant row becomes a clean-up task with owner and phase deadline', async () => {
    const v = (await township.get(`/api/ledgers/${ledgerId}`)).body;
    expect((await township.post(`/api/ledgers/${ledgerId}/approve`, { version: v.ledger.version - 1 })).status).toBe(
      409,
    );
    const res = await township.post(`/api/ledgers/${ledgerId}/approve`, { version: v.ledger.version });
    expect(res.status).toBe(200);
    expect(res.body.ledger).toMatchObject({ status: 'approved', effectiveStatus: 'approved' });
    const nonCompliant = Object.values(res.body.rows)
      .flat()
      .filter((r: any) => r.nonCompliant) as any[];
    expect(nonCompliant.length).toBe(5);
    for (const r of nonCompliant) expect(r.cleanup).toMatchObject({ status: 'open', taskId: expect.any(String) });
    const tasks = (await township.get(`/api/tasks?ledgerId=${ledgerId}`)).body;
    expect(tasks.total).toBe(5);
    const byTitle = Object.fromEntries(tasks.items.map((x: any) => [x.title, x]));
    const relief = tasks.items.find((x: any) => x.title.includes('社会救助'));
    expect(relief.owner).toMatchObject({ kind: 'department', name: '长治市上党区民政局' });
    expect(relief.deadline).toBe('2026-12-31');
    const board = tasks.items.find((x: any) => x.title.includes('禁毒工作站'));
    expect(board.owner).toMatchObject({ kind: 'village' });
    expect(board.deadline).toBe('2026-12-10');
    expect(Object.keys(byTitle)).toHaveLength(5);
  });

  it('demo-district sees the consolidated numbers change, and the exported district spreadsheet contains them', async () => {
    const after = (await district.get(`/api/campaigns/${campaignId}/rollup`)).body;
    expect(after.region).toMatchObject({ code: '140404000000', level: 'county' });
    expect(rollupBefore.totals.rows).toBe(0);
    expect(after.totals.rows).toBe(ROWS.length);
    expect(after.totals.ledgers.approved).toBe(1);
    expect(after.totals.byCategory.sign).toMatchObject({
      before: 4,
      keep: 3,
      cancel: 1,
      plannedAfter: 3,
      achievedAfter: 4,
      tasksOpen: 1,
    });
    expect(after.totals.byCategory.certificate).toMatchObject({ before: 2, keep: 1, cancel: 1, plannedAfter: 1 });
    const han = after.children.find((c: any) => c.regionCode === TOWNSHIP);
    expect(han).toMatchObject({ regionName: '韩店街道', rows: ROWS.length, ledgers: { approved: 1 } });
    const approvedRows = after.groups
      .filter((g: any) => g.status === 'approved')
      .reduce((n: number, g: any) => n + g.count, 0);
    expect(approvedRows).toBe(ROWS.length);
    const phase = after.phases.find((p: any) => p.key === 'signs_certificates');
    expect(phase).toMatchObject({ total: 2, done: 0 });

    const xlsx = await district.get(`/api/campaigns/${campaignId}/export`);
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const sheets = await readWorkbook(xlsx.raw);
    expect(Object.keys(sheets)).toEqual(['汇总', '标识牌', '工作机制', '工作事务', '证明事项']);
    const header = sheets['汇总'][0] as string[];
    const row = sheets['汇总'].find((r) => r[0] === TOWNSHIP)!;
    const col = (h: string) => header.indexOf(h);
    expect(row[col('区划名称')]).toBe('韩店街道');
    expect(row[col('已审核')]).toBe(1);
    expect(row[col('标识牌（清理前）')]).toBe(4);
    expect(row[col('标识牌（清理后·计划）')]).toBe(3);
    expect(row[col('证明事项（清理前）')]).toBe(2);
    const total = sheets['汇总'].find((r) => r[0] === '合计')!;
    expect(total[col('台账数')]).toBe(after.totals.ledgers.total);
    expect(total[col('工作机制（清理前）')]).toBe(2);
    expect(sheets['标识牌'].slice(1, 5).map((r) => r[3])).toEqual([
      '韩店村民委员会',
      '中共韩店村支部委员会',
      '韩店村禁毒工作站',
      '韩店村党群服务中心',
    ]);
    expect(sheets['标识牌'].find((r) => r[0] === '合计')?.[1]).toBe('共 4 项');
  });

  it('the village ledger exports with a sheet per category that imports back unchanged', async () => {
    const xlsx = await village.get(`/api/ledgers/${ledgerId}/export`);
    expect(xlsx.status).toBe(200);
    const sheets = await readWorkbook(xlsx.raw);
    expect(Object.keys(sheets)).toEqual(['标识牌', '工作机制', '工作事务', '证明事项']);
    expect(sheets['证明事项'][1]).toEqual(expect.arrayContaining(['亲属关系证明', '某商业银行', 43 - 1]));
    // The whole export (every sheet ends with its totals, 合计 / 其中) imports back: each row unchanged.
    const back = await importWorkbook(t, village, `/api/campaigns/${campaignId}/import`, {
      data: xlsx.raw,
      filename: '本村台账.xlsx',
    });
    const exported = Object.values(sheets).reduce((n, rows) => n + rows.slice(1).filter((r) => !isTotal(r)).length, 0);
    expect(Object.values(sheets).every((rows) => isTotal(rows[rows.length - 1]))).toBe(true);
    console.log(
      JSON.stringify(back.job.result),
      JSON.stringify(Object.values(sheets).map((r) => [r[0], r.at(-2), r.at(-1)])),
    );
    expect(back.job.status, JSON.stringify(back.job.error)).toBe('succeeded');
    expect(back.job.result).toMatchObject({ rows: exported, inserted: 0, updated: 0 });
    expect(back.job.result.unchanged).toBe(back.job.result.rows);
  });

  it('an approval goes stale when the village edits afterwards; the district sees it; resubmit + approve clears it', async () => {
    const view = (await village.get(`/api/ledgers/${ledgerId}`)).body;
    const row = view.rows.work_affair.find((r: any) => r.name === '协助做好社会救助');
    const res = await village.patch(`/api/ledger-rows/${row.id}`, {
      fields: { funding: '区民政局每年拨付 2000 元' },
      version: row.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.ledgerStatus).toBe('stale');
    expect(res.body.row.suggestion.verdict).toBe('keep');
    expect(res.body.row.decision).toBeNull();
    const l = (await township.get(`/api/ledgers/${ledgerId}`)).body;
    expect(l.ledger).toMatchObject({ status: 'approved', approvalStale: true, effectiveStatus: 'stale' });
    expect(l.events.map((e: any) => e.action)).toContain('stale');
    expect((await township.get('/api/notifications')).body.items.some((n: any) => n.kind === 'ledger.stale')).toBe(
      true,
    );
    const roll = (await district.get(`/api/campaigns/${campaignId}/rollup`)).body;
    expect(roll.totals.ledgers).toMatchObject({ approved: 0, stale: 1 });
    expect(roll.totals.byStatus.stale).toBe(ROWS.length);
    const listed = (await district.get(`/api/campaigns/${campaignId}/ledgers?status=stale`)).body;
    expect(listed.items.map((x: any) => x.id)).toEqual([ledgerId]);
    // Re-decide, resubmit, re-approve: the now-compliant row's task is cancelled.
    const acc = await village.post(`/api/ledgers/${ledgerId}/accept-all`, {
      version: (await village.get(`/api/ledgers/${ledgerId}`)).body.ledger.version,
    });
    expect((await village.post(`/api/ledgers/${ledgerId}/submit`, { version: acc.body.ledgerVersion })).status).toBe(
      200,
    );
    const v2 = (await township.get(`/api/ledgers/${ledgerId}`)).body;
    expect((await township.post(`/api/ledgers/${ledgerId}/approve`, { version: v2.ledger.version })).status).toBe(200);
    const tasks = (await township.get(`/api/tasks?ledgerId=${ledgerId}`)).body.items;
    expect(tasks.find((x: any) => x.title.includes('社会救助')).status).toBe('cancelled');
    expect((await district.get(`/api/campaigns/${campaignId}/rollup`)).body.totals.ledgers).toMatchObject({
      approved: 1,
      stale: 0,
    });
  });

  it('every step is in the audit chain, which verifies', async () => {
    const actions = (await t.deps.db.selectFrom('auditLog').select('action').execute()).map((a) => a.action);
    for (const a of [
      'campaigns.create',
      'campaigns.launch',
      'campaigns.launch_batch',
      'ledgers.row_create',
      'ledgers.accept_all',
      'ledgers.submit',
      'ledgers.return',
      'ledgers.row_decide',
      'ledgers.row_update',
      'ledgers.approve',
      'tasks.create',
    ])
      expect(actions).toContain(a);
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });
});

describe('next cycle (peer lesson 17)', () => {
  it('a new campaign starts from the previous one: rows pre-filled, statuses reset, changes shown', async () => {
    const next = await launchedCampaign(t, {
      name: '2027年村级组织减负专项行动',
      year: 2027,
      previousCampaignId: campaignId,
    });
    const l2 = await ledgerOf(t, next.id, HANDIAN);
    const view = (await village.get(`/api/ledgers/${l2}`)).body;
    expect(view.ledger).toMatchObject({ status: 'draft', previousLedgerId: ledgerId });
    expect(view.counts).toMatchObject({ total: ROWS.length, undecided: ROWS.length });
    const all = Object.values(view.rows).flat() as any[];
    for (const r of all)
      expect(r).toMatchObject({
        source: 'previous',
        decision: null,
        changeKind: 'unchanged',
        cleanup: { status: 'none' },
      });
    expect(all.find((r) => r.name === '网格化服务管理工作站').previous.verdict).toBe('cancel');
    // Change one, delete one, add one: the diff shows each.
    const cert = all.find((r) => r.name === '亲属关系证明');
    const ch = await village.patch(`/api/ledger-rows/${cert.id}`, {
      fields: { volumeLastYear: 5 },
      version: cert.version,
    });
    expect(ch.body.row).toMatchObject({
      changeKind: 'changed',
      previous: { before: { fields: { volumeLastYear: 42 } } },
    });
    const gone = all.find((r) => r.name === '韩店村禁毒工作站');
    expect((await village.delete(`/api/ledger-rows/${gone.id}?version=${gone.version}`)).status).toBe(200);
    const added = await village.post(`/api/ledgers/${l2}/rows`, {
      category: 'work_affair',
      name: '秸秆禁烧巡查',
      imposedBy: '区农业农村局',
      fields: {},
    });
    expect(added.body.row.changeKind).toBe('new');
    const after = (await village.get(`/api/ledgers/${l2}`)).body;
    expect(after.removedSinceLastCycle.map((r: any) => r.name)).toEqual(['韩店村禁毒工作站']);
    const diff = (await district.get(`/api/campaigns/${next.id}/changes?region=${HANDIAN}`)).body;
    expect(diff.byCategory.certificate).toMatchObject({ changed: 1, unchanged: 1 });
    expect(diff.byCategory.sign).toMatchObject({ removed: 1, unchanged: 3 });
    expect(diff.byCategory.work_affair).toMatchObject({ new: 1, unchanged: 2 });
  });
});
