import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { verifyChain } from '../../core/audit.js';
import { declareComplete } from '../../../../test/catalog-status.js';

let t: TestApp;
let dept: Agent, district: Agent, approver: Agent, township: Agent, village: Agent;

const signIn = async () => {
  [dept, district, approver, township, village] = await Promise.all(
    ['demo-department', 'demo-district', 'demo-approver', 'demo-township', 'demo-village'].map((u) => t.as(u)),
  );
};
beforeAll(async () => {
  t = await createTestApp();
  await signIn();
  for (const kind of ['duty', 'assistance']) expect((await declareComplete(district, COUNTY, kind)).status).toBe(200);
});
afterAll(() => t.close());

const COUNTY = '140404000000';
const VILLAGE = '140404001200';
const TOWNSHIP = '140404001000';

/** An out-of-catalog special task for the whole district, funded and staffed. */
const specialTask = (over: Record<string, unknown> = {}) => ({
  kind: 'special_task',
  title: '秸秆禁烧网格巡查专项任务',
  description: '秋收期间协助开展秸秆禁烧网格巡查',
  basis: [{ document: '长治市大气污染防治工作方案', article: '第三条', level: 'local' }],
  targets: [COUNTY],
  startsOn: '2026-12-01',
  endsOn: '2027-03-31',
  funding: { provided: true, amountYuan: 50000, source: '区级财政专项' },
  staffing: { provided: true, people: 2, description: '农业农村局派驻网格员' },
  forms: [{ name: '巡查日志', frequency: 'weekly' }],
  ...over,
});

async function fileAndSubmit(content: Record<string, unknown>, as: Agent = dept) {
  const created = await as.post('/api/admission/requests', { content });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const submitted = await as.post(`/api/admission/requests/${created.body.id}/submit`, {
    version: created.body.version,
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body;
}

describe('journey (a): an out-of-catalog special task through district review and district-government approval (S-7.3)', () => {
  it('files, pre-checks, reviews, approves, shows it to the village and on the portal', async () => {
    const created = await dept.post('/api/admission/requests', { content: specialTask() });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'draft',
      departmentName: '长治市上党区农业农村局',
      abilities: { edit: true, submit: true },
    });
    expect(created.body.number).toMatch(/^140404-ZR-2026-\d{4}$/);

    // A draft is the department's alone.
    expect((await district.get(`/api/admission/requests/${created.body.id}`)).status).toBe(404);

    const sub = await dept.post(`/api/admission/requests/${created.body.id}/submit`, { version: created.body.version });
    expect(sub.status).toBe(200);
    expect(sub.body.status).toBe('in_review');
    expect(sub.body.precheck.outcome).toBe('needs_government');
    expect(sub.body.precheck.findings).toContainEqual(
      expect.objectContaining({ rule: 'out_of_catalog', clause: expect.objectContaining({ id: 'S-7.3' }) }),
    );
    expect(sub.body.catalogVersionId).toBeTruthy();
    expect(sub.body.steps.map((s: any) => [s.step, s.status])).toEqual([
      ['district', 'open'],
      ['government', 'pending'],
    ]);
    expect(sub.body.steps[0].dueOn).toBe('2026-12-11'); // 10 working days after Saturday 2026-11-28
    expect(sub.body.abilities.edit).toBe(false);

    // Frozen once submitted.
    const edit = await dept.patch(`/api/admission/requests/${created.body.id}`, {
      version: sub.body.version,
      content: specialTask({ title: '改名' }),
    });
    expect(edit.status).toBe(409);

    // The approver cannot decide the district step; the village cannot see a request under review.
    expect(
      (
        await approver.post(`/api/admission/requests/${sub.body.id}/decision`, {
          version: sub.body.version,
          revision: 1,
          action: 'approve',
        })
      ).status,
    ).toBe(403);
    expect((await village.get(`/api/admission/requests/${sub.body.id}`)).status).toBe(404);

    const inbox = await district.get('/api/notifications');
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'admission.review',
        entityId: sub.body.id,
        link: `/admission/requests/${sub.body.id}`,
      }),
    );
    const queue = await district.get('/api/admission/requests?queue=awaiting');
    expect(queue.body.items.map((i: any) => i.id)).toContain(sub.body.id);

    const reviewed = await district.post(`/api/admission/requests/${sub.body.id}/decision`, {
      version: sub.body.version,
      revision: 1,
      action: 'approve',
      comment: '同意报区政府审批',
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'in_review', currentStep: 'government' });
    expect(reviewed.body.steps[0]).toMatchObject({ status: 'approved', decidedByName: '区民政局（演示）' });

    const approved = await approver.post(`/api/admission/requests/${sub.body.id}/decision`, {
      version: reviewed.body.version,
      revision: 1,
      action: 'approve',
      conditions: '每周巡查日志由网格员填报，不得要求村干部代填',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decision: 'approved',
      decidedByBody: '区人民政府',
      approvedRevision: 1,
      effectiveFrom: '2026-12-01',
      expiresOn: '2027-03-31',
      effectState: 'scheduled',
    });
    expect(approved.body.approvedHash).toBe(approved.body.contentHash);
    expect(approved.body.conditions).toContain('不得要求村干部代填');

    expect((await approver.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({ kind: 'admission.review', entityId: sub.body.id }),
    );
    expect((await dept.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({
        kind: 'admission.decision',
        entityId: sub.body.id,
        title: '已准入：秸秆禁烧网格巡查专项任务',
      }),
    );
    const admitted = await village.get('/api/admission/admitted');
    expect(admitted.status).toBe(200);
    expect(admitted.body.items.map((i: any) => i.title)).toContain('秸秆禁烧网格巡查专项任务');
    const seen = await village.get(`/api/admission/requests/${sub.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.content.funding).toEqual({ provided: true });

    const portal = await t.agent().get(`/api/public/admission-decisions?region=${VILLAGE}`);
    expect(portal.status).toBe(200);
    expect(portal.body.items).toContainEqual(
      expect.objectContaining({
        title: '秸秆禁烧网格巡查专项任务',
        decision: 'approved',
        decidedByBody: '区人民政府',
        departmentName: '长治市上党区农业农村局',
      }),
    );

    const audit = await t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', sub.body.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'admission.create',
      'admission.submit',
      'admission.approve',
      'admission.approve',
    ]);
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });
});

describe('journey (b): a dedicated post without a statutory basis (S-6.3)', () => {
  it('is refused at pre-check with the clause shown and published', async () => {
    const body = await fileAndSubmit(
      specialTask({
        kind: 'mechanism',
        title: '村级禁毒专干',
        dedicatedPost: true,
        targets: [VILLAGE],
        basis: [{ document: '区禁毒委关于加强禁毒工作的通知', article: '', level: 'department' }],
      }),
    );
    expect(body.status).toBe('refused');
    expect(body.precheck.outcome).toBe('refused');
    const finding = body.precheck.findings.find((f: any) => f.rule === 'mechanism_no_statutory_basis');
    expect(finding.clause.id).toBe('S-6.3');
    expect(finding.clause.text).toContain('专人专岗');
    expect(finding.message).toContain('区禁毒委关于加强禁毒工作的通知');
    expect(body.decisionReason).toContain('S-6.3');
    expect(body.steps).toEqual([]);
    const portal = await t.agent().get(`/api/public/admission-decisions?region=${TOWNSHIP}`);
    expect(portal.body.items).toContainEqual(expect.objectContaining({ title: '村级禁毒专干', decision: 'refused' }));
  });

  it("the village's own statutory organ needs no outside money or people: admissible as catalogued", async () => {
    const body = await fileAndSubmit(
      specialTask({
        kind: 'mechanism',
        title: '人民调解委员会',
        targets: [VILLAGE],
        funding: { provided: false },
        staffing: { provided: false },
        basis: [{ document: '中华人民共和国人民调解法', article: '第八条', level: 'law' }],
      }),
    );
    expect(body.precheck.outcome).toBe('admissible');
    expect(body.precheck.findings.map((f: any) => f.rule)).toEqual(['statutory_mechanism']);
  });

  it('a negative-list certificate demanded of villages is refused (S-6.2)', async () => {
    const body = await fileAndSubmit(
      specialTask({ kind: 'certificate', title: '要求村委会出具亲属关系证明', targets: [VILLAGE] }),
    );
    expect(body.status).toBe('refused');
    expect(body.precheck.findings[0]).toMatchObject({ rule: 'negative_certificate', item: { code: 'CN-NEG-2020-01' } });
  });

  it('assistance work without funding is returned (费随事转, S-6.4)', async () => {
    const body = await fileAndSubmit(
      specialTask({ kind: 'work_affair', title: '协助做好社会救助', funding: { provided: false } }),
    );
    expect(body.precheck.findings.map((f: any) => f.rule)).toEqual(
      expect.arrayContaining(['catalogued', 'assistance_unfunded']),
    );
    expect(body.status).toBe('returned');
  });
});

describe('the review chain', () => {
  it('routes a township-scoped request through the township first; return needs a reason and opens a new revision; reject is final', async () => {
    const sub = await fileAndSubmit(specialTask({ title: '村级农机安全检查台账报送', targets: [VILLAGE] }));
    expect(sub.steps.map((s: any) => s.step)).toEqual(['township', 'district', 'government']);
    expect(
      (
        await district.post(`/api/admission/requests/${sub.id}/decision`, {
          version: sub.version,
          revision: 1,
          action: 'approve',
        })
      ).status,
    ).toBe(403);
    const noReason = await township.post(`/api/admission/requests/${sub.id}/decision`, {
      version: sub.version,
      revision: 1,
      action: 'return',
    });
    expect(noReason.status).toBe(400);
    const returned = await township.post(`/api/admission/requests/${sub.id}/decision`, {
      version: sub.version,
      revision: 1,
      action: 'return',
      reason: '请写明台账字段，避免与一表通重复',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', revision: 2 });

    const edited = await dept.patch(`/api/admission/requests/${sub.id}`, {
      version: returned.body.version,
      content: specialTask({
        title: '村级农机安全检查台账报送',
        targets: [VILLAGE],
        forms: [{ name: '农机安全台账', frequency: 'quarterly', fields: '机主、机型、检查日期' }],
      }),
    });
    expect(edited.status).toBe(200);
    const resub = await dept.post(`/api/admission/requests/${sub.id}/submit`, { version: edited.body.version });
    expect(resub.body.status).toBe('in_review');
    expect(resub.body.revisions.map((r: any) => r.revision)).toEqual([1, 2]);

    // A decision bound to the old revision is refused.
    expect(
      (
        await township.post(`/api/admission/requests/${sub.id}/decision`, {
          version: resub.body.version,
          revision: 1,
          action: 'approve',
        })
      ).status,
    ).toBe(409);
    const ok = await township.post(`/api/admission/requests/${sub.id}/decision`, {
      version: resub.body.version,
      revision: 2,
      action: 'approve',
    });
    expect(ok.status).toBe(200);
    const noReject = await district.post(`/api/admission/requests/${sub.id}/decision`, {
      version: ok.body.version,
      revision: 2,
      action: 'reject',
    });
    expect(noReject.status).toBe(400);
    const rejected = await district.post(`/api/admission/requests/${sub.id}/decision`, {
      version: ok.body.version,
      revision: 2,
      action: 'reject',
      reason: '属于部门自身职责，不得派交村级组织',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: 'rejected',
      decisionReason: '属于部门自身职责，不得派交村级组织',
    });
    expect(rejected.body.steps.filter((s: any) => s.revision === 2).map((s: any) => s.status)).toEqual([
      'approved',
      'rejected',
      'cancelled',
    ]);
    const portal = await t.agent().get(`/api/public/admission-decisions?region=${VILLAGE}`);
    expect(portal.body.items).toContainEqual(
      expect.objectContaining({
        title: '村级农机安全检查台账报送',
        decision: 'rejected',
        reason: '属于部门自身职责，不得派交村级组织',
      }),
    );
  });

  it('lets exactly one of two concurrent approvals win (the other gets 409)', async () => {
    const sub = await fileAndSubmit(specialTask({ title: '冬季防火宣传专项任务' }));
    const reviewed = await district.post(`/api/admission/requests/${sub.id}/decision`, {
      version: sub.version,
      revision: 1,
      action: 'approve',
    });
    const approver2 = await t.as('demo-approver');
    const body = { version: reviewed.body.version, revision: 1, action: 'approve' };
    const results = await Promise.all([
      approver.post(`/api/admission/requests/${sub.id}/decision`, body),
      approver2.post(`/api/admission/requests/${sub.id}/decision`, body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await t.deps.db
      .selectFrom('admissionEvent')
      .select('action')
      .where('requestId', '=', sub.id)
      .where('action', '=', 'approve')
      .execute();
    expect(events).toHaveLength(2); // the district review and one final approval
    const audits = await t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', sub.id)
      .where('action', '=', 'admission.approve')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('names the reviewer configured by the district and sets deadlines in working days', async () => {
    const approverId = (await approver.get('/api/auth/me')).body.id;
    const current = await district.get('/api/admission/settings');
    expect(current.body).toMatchObject({
      isDefault: true,
      chain: { townshipReview: true, governmentFor: 'out_of_catalog', district: { workingDays: 10 } },
    });
    expect(current.body.calendar.holidays).toContain('2026-10-01');
    const bad = await district.request('PUT', '/api/admission/settings', {
      version: current.body.version,
      chain: { ...current.body.chain, government: { workingDays: 5, assigneeUserId: 'no-such-user' } },
      calendar: current.body.calendar,
    });
    expect(bad.status).toBe(400);
    const set = await district.request('PUT', '/api/admission/settings', {
      version: current.body.version,
      chain: { ...current.body.chain, government: { workingDays: 5, assigneeUserId: approverId } },
      calendar: current.body.calendar,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(
      (
        await district.request('PUT', '/api/admission/settings', {
          version: current.body.version,
          chain: current.body.chain,
          calendar: current.body.calendar,
        })
      ).status,
    ).toBe(409);
    const sub = await fileAndSubmit(specialTask({ title: '村级农产品质量安全巡查专项任务' }));
    const r1 = await district.post(`/api/admission/requests/${sub.id}/decision`, {
      version: sub.version,
      revision: 1,
      action: 'approve',
    });
    expect(r1.body.steps[1]).toMatchObject({
      step: 'government',
      status: 'open',
      assigneeName: '区政府审批人（演示）',
      workingDays: 5,
      dueOn: '2026-12-04',
    });
    const restored = await district.request('PUT', '/api/admission/settings', {
      version: set.body.version,
      chain: current.body.chain,
      calendar: current.body.calendar,
    });
    expect(restored.status).toBe(200);
  });

  it('withdraws an admitted task with a reason; the expiry job expires and reminds', async () => {
    const sub = await fileAndSubmit(
      specialTask({ title: '防汛物资清点专项任务', startsOn: '2026-11-28', endsOn: '2026-12-20' }),
    );
    const r1 = await district.post(`/api/admission/requests/${sub.id}/decision`, {
      version: sub.version,
      revision: 1,
      action: 'approve',
    });
    const r2 = await approver.post(`/api/admission/requests/${sub.id}/decision`, {
      version: r1.body.version,
      revision: 1,
      action: 'approve',
    });
    expect(r2.body.effectState).toBe('in_effect');

    const { runExpiry } = await import('./admission.service.js');
    expect((await runExpiry(t.deps)).reminders).toBeGreaterThanOrEqual(1);
    expect((await dept.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({ kind: 'admission.expiry', entityId: sub.id }),
    );
    expect((await runExpiry(t.deps)).reminders).toBe(0); // idempotent
    const reminders = await dept.get('/api/admission/reminders');
    expect(reminders.body.items).toContainEqual(expect.objectContaining({ requestId: sub.id, kind: 'expiry-30' }));

    expect(
      (await village.post(`/api/admission/requests/${sub.id}/withdraw`, { version: r2.body.version, reason: '不需要' }))
        .status,
    ).toBe(403);
    const w = await district.post(`/api/admission/requests/${sub.id}/withdraw`, {
      version: r2.body.version,
      reason: '汛期结束，任务提前终止',
    });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', withdrawReason: '汛期结束，任务提前终止' });
    expect((await village.get('/api/admission/admitted')).body.items.map((i: any) => i.id)).not.toContain(sub.id);

    const sub2 = await fileAndSubmit(
      specialTask({ title: '冬春农田水利检查专项任务', startsOn: '2026-11-28', endsOn: '2026-12-05' }),
    );
    const a1 = await district.post(`/api/admission/requests/${sub2.id}/decision`, {
      version: sub2.version,
      revision: 1,
      action: 'approve',
    });
    await approver.post(`/api/admission/requests/${sub2.id}/decision`, {
      version: a1.body.version,
      revision: 1,
      action: 'approve',
    });
    t.clock.set('2026-12-07T02:00:00.000Z');
    try {
      expect((await runExpiry(t.deps)).expired).toBe(1);
      await signIn();
      const after = await dept.get(`/api/admission/requests/${sub2.id}`);
      expect(after.body).toMatchObject({ status: 'expired', effectState: 'expired' });
      expect((await village.get('/api/admission/admitted')).body.items.map((i: any) => i.id)).not.toContain(sub2.id);
    } finally {
      t.clock.set('2026-11-28T02:00:00.000Z');
      await signIn();
    }
  });
});

describe('effect on the catalogs', () => {
  it('an admitted request that adds to a catalog produces a submitted adjustment through the catalog service', async () => {
    const sub = await fileAndSubmit(
      specialTask({
        title: '协助开展高标准农田建设项目地块核实',
        catalogChange: {
          action: 'add',
          kind: 'assistance',
          name: '协助开展高标准农田建设项目地块核实',
          reason: '年度常态化协助事项，纳入区级协助事项目录',
        },
      }),
    );
    const r1 = await district.post(`/api/admission/requests/${sub.id}/decision`, {
      version: sub.version,
      revision: 1,
      action: 'approve',
    });
    const r2 = await approver.post(`/api/admission/requests/${sub.id}/decision`, {
      version: r1.body.version,
      revision: 1,
      action: 'approve',
    });
    expect(r2.status).toBe(200);
    // The district government cannot edit catalogs: the request waits for the district lead.
    expect(r2.body.adjustmentId).toBeNull();
    expect(r2.body.adjustmentNote).toContain('待区民政局');
    expect((await approver.post(`/api/admission/requests/${sub.id}/catalog-adjustment`)).status).toBe(403);
    const made = await district.post(`/api/admission/requests/${sub.id}/catalog-adjustment`);
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.adjustmentId).toBeTruthy();
    const adj = (await t.deps.db
      .selectFrom('catalogAdjustment' as any)
      .selectAll()
      .where('id', '=', made.body.adjustmentId)
      .executeTakeFirstOrThrow()) as any;
    expect(adj).toMatchObject({
      operation: 'add',
      status: 'submitted',
      reasonType: 'department_request',
      targetRegionCode: COUNTY,
      itemName: '协助开展高标准农田建设项目地块核实',
    });
    expect(adj.reasonNote).toContain(sub.number);
    expect((await district.post(`/api/admission/requests/${sub.id}/catalog-adjustment`)).status).toBe(409);
  });
});

describe('village flags of tasks that reached the village without admission', () => {
  it('are stored, listed for the township and the district, and counted per department', async () => {
    const departments = await village.get('/api/admission/departments');
    const agri = departments.body.items.find((d: any) => d.name === '长治市上党区农业农村局');
    expect(agri).toBeTruthy();
    const flag = await village.post('/api/admission/flags', {
      departmentId: agri.id,
      taskTitle: '要求每日上报秸秆禁烧巡查照片',
      channel: 'wechat',
      receivedOn: '2026-11-27',
      description: '微信群通知，未见准入决定',
    });
    expect(flag.status, JSON.stringify(flag.body)).toBe(200);
    expect(flag.body).toMatchObject({ regionCode: VILLAGE, departmentName: '长治市上党区农业农村局', status: 'open' });
    await village.post('/api/admission/flags', {
      departmentName: '长治市某协会',
      taskTitle: '会员发展任务',
      channel: 'phone',
      receivedOn: '2026-11-20',
    });

    expect((await township.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({ kind: 'admission.flag', entityId: flag.body.id }),
    );
    for (const who of [township, district]) {
      const list = await who.get('/api/admission/flags');
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: any) => i.id)).toContain(flag.body.id);
      const counts = await who.get('/api/admission/flags/by-department');
      expect(counts.body.items).toContainEqual(expect.objectContaining({ departmentId: agri.id, count: 1 }));
    }
    const mine = await dept.get('/api/admission/flags/by-department');
    expect(mine.body.items).toEqual([expect.objectContaining({ departmentName: '长治市上党区农业农村局', count: 1 })]);
    const deptList = await dept.get('/api/admission/flags');
    expect(deptList.body.items.map((i: any) => i.taskTitle)).toEqual(['要求每日上报秸秆禁烧巡查照片']);
    expect(deptList.body.items[0].flaggedByName).toBe('村（社区）经办人员');
    expect(
      (await township.get('/api/admission/flags')).body.items.find((i: any) => i.id === flag.body.id).flaggedByName,
    ).toBe('韩店村委会（演示）');

    // Another township sees nothing of this village.
    const other = await t.deps.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'township')
      .where('code', '!=', TOWNSHIP)
      .executeTakeFirstOrThrow();
    expect(other.code).toBeTruthy();
    expect(
      (
        await township.post('/api/admission/flags', {
          departmentName: 'x',
          taskTitle: '任务',
          channel: 'phone',
          receivedOn: '2026-11-20',
        })
      ).status,
    ).toBe(403);
    const future = await village.post('/api/admission/flags', {
      departmentName: '某部门',
      taskTitle: '任务',
      channel: 'phone',
      receivedOn: '2027-01-01',
    });
    expect(future.status).toBe(400);
  });
});

describe('access', () => {
  it('401 without a session, 403 for the wrong role, 404 for an invisible request', async () => {
    const anon = t.agent();
    expect((await anon.get('/api/admission/requests')).status).toBe(401);
    expect((await anon.post('/api/admission/flags', {})).status).toBe(401);
    expect((await village.post('/api/admission/requests', { content: specialTask() })).status).toBe(403);
    expect((await district.post('/api/admission/requests', { content: specialTask() })).status).toBe(403);
    const sys = await t.as('demo-sysadmin');
    expect((await sys.get('/api/admission/requests')).status).toBe(403);
    expect((await dept.get('/api/admission/requests/0190d000-0000-7000-8000-000000000000')).status).toBe(404);
    const { version } = (await district.get('/api/admission/settings')).body;
    expect(
      (
        await township.request('PUT', '/api/admission/settings', {
          version,
          chain: {},
          calendar: { holidays: [], workdays: [], source: '' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await district.request('PUT', '/api/admission/settings', {
          version,
          chain: {},
          calendar: { holidays: [], workdays: [], source: '仅周末' },
        })
      ).status,
    ).toBe(200);
  });

  it('validates the filing form', async () => {
    const bad = await dept.post('/api/admission/requests', { content: specialTask({ endsOn: '2026-01-01' }) });
    expect(bad.status).toBe(400);
    const outside = await dept.post('/api/admission/requests', { content: specialTask({ targets: ['140405000000'] }) });
    expect(outside.status).toBe(400);
    const pre = await dept.post('/api/admission/precheck', { content: specialTask() });
    expect(pre.status).toBe(200);
    expect(pre.body.outcome).toBe('needs_government');
  });
});
