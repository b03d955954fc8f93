/** Admission journeys through the API: an out-of-catalog task to the district government, and what the pre-check refuses or returns; access and validation. */
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../core/audit.js';
import { formatKeyed } from '../../../shared/i18n.js';
import { admissionTest, VILLAGE, TOWNSHIP, specialTask } from './admission.test-helpers.js';

const s = admissionTest();

describe('journey (a): an out-of-catalog special task through district review and district-government approval (S-7.3)', () => {
  it('files, pre-checks, reviews, approves, shows it to the village and on the portal', async () => {
    const created = await s.dept.post('/api/admission/requests', { content: specialTask() });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'draft',
      departmentName: '长治市上党区农业农村局',
      abilities: { edit: true, submit: true },
    });
    expect(created.body.number).toMatch(/^140404-ZR-2026-\d{4}$/);

    // A draft is the department's alone.
    expect((await s.district.get(`/api/admission/requests/${created.body.id}`)).status).toBe(404);

    const sub = await s.dept.post(`/api/admission/requests/${created.body.id}/submit`, {
      version: created.body.version,
    });
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
    const edit = await s.dept.patch(`/api/admission/requests/${created.body.id}`, {
      version: sub.body.version,
      content: specialTask({ title: '改名' }),
    });
    expect(edit.status).toBe(409);
    // The 409 carries the request as it is now, so the form can show what changed.
    expect(edit.body.error.details.current).toMatchObject({ id: created.body.id, status: 'in_review', revision: 1 });

    // The approver cannot decide the district step; the village cannot see a request under review.
    expect((await s.decide(s.approver, sub.body)).status).toBe(403);
    expect((await s.village.get(`/api/admission/requests/${sub.body.id}`)).status).toBe(404);

    const inbox = await s.district.get('/api/notifications');
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'admission.review',
        entityId: sub.body.id,
        link: `/admission/requests/${sub.body.id}`,
      }),
    );
    const queue = await s.district.get('/api/admission/requests?queue=awaiting');
    expect(queue.body.items.map((i: any) => i.id)).toContain(sub.body.id);

    const reviewed = await s.district.post(`/api/admission/requests/${sub.body.id}/decision`, {
      version: sub.body.version,
      revision: 1,
      action: 'approve',
      comment: '同意报区政府审批',
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'in_review', currentStep: 'government' });
    expect(reviewed.body.steps[0]).toMatchObject({ status: 'approved', decidedByName: '区民政局（演示）' });

    const approved = await s.approver.post(`/api/admission/requests/${sub.body.id}/decision`, {
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

    expect((await s.approver.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({ kind: 'admission.review', entityId: sub.body.id }),
    );
    expect((await s.dept.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({
        kind: 'admission.decision',
        entityId: sub.body.id,
        title: '已准入：秸秆禁烧网格巡查专项任务',
      }),
    );
    const admitted = await s.village.get('/api/admission/admitted');
    expect(admitted.status).toBe(200);
    expect(admitted.body.items.map((i: any) => i.title)).toContain('秸秆禁烧网格巡查专项任务');
    const seen = await s.village.get(`/api/admission/requests/${sub.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.content.funding).toEqual({ provided: true });

    const portal = await s.t.agent().get(`/api/public/admission-decisions?region=${VILLAGE}`);
    expect(portal.status).toBe(200);
    expect(portal.body.items).toContainEqual(
      expect.objectContaining({
        title: '秸秆禁烧网格巡查专项任务',
        decision: 'approved',
        decidedByBody: '区人民政府',
        departmentName: '长治市上党区农业农村局',
      }),
    );

    const audit = await s.t.deps.db
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
    expect((await verifyChain(s.t.deps.db, s.t.deps.keys)).ok).toBe(true);
  });
});

describe('journey (b): a dedicated post without a statutory basis (S-6.3)', () => {
  it('is refused at pre-check with the clause shown and published', async () => {
    const body = await s.fileAndSubmit(
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
    expect(finding.clause).toEqual({ id: 'S-6.3' });
    // Sent by key: the web words it; the decision document is worded in Chinese from the same table.
    expect(finding.message).toMatchObject({ key: 'admission.finding.mechanismNoBasis' });
    expect(formatKeyed('zh-CN', finding.message)).toContain('区禁毒委关于加强禁毒工作的通知');
    expect(formatKeyed('en-US', finding.message)).toMatch(/^Asks villages to set up .*: not admissible/);
    expect(body.decisionReason).toContain('区禁毒委关于加强禁毒工作的通知');
    expect(body.decisionReason).toContain('S-6.3');

    expect(body.steps).toEqual([]);
    const portal = await s.t.agent().get(`/api/public/admission-decisions?region=${TOWNSHIP}`);
    expect(portal.body.items).toContainEqual(
      expect.objectContaining({
        title: '村级禁毒专干',
        decision: 'refused',
        precheckReasons: [expect.objectContaining({ key: 'admission.finding.mechanismNoBasis' })],
      }),
    );

    // A pre-check stored before findings were keyed (a sentence and the clause's text) still reads, as written.
    const old = {
      ...body.precheck,
      findings: body.precheck.findings.map((f: any) => ({
        ...f,
        clause: { id: f.clause.id, text: '村级组织能够承担的工作，不得要求设立专门机构、配备专人专岗' },
        message: formatKeyed('zh-CN', f.message),
      })),
    };
    await s.t.deps.db
      .updateTable('admissionRequest')
      .set({ precheckJson: JSON.stringify(old) })
      .where('id', '=', body.id)
      .execute();
    const stored = await s.dept.get(`/api/admission/requests/${body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body.precheck.findings).toContainEqual(
      expect.objectContaining({
        rule: 'mechanism_no_statutory_basis',
        clause: { id: 'S-6.3' },
        message: { key: 'admission.finding.text', params: { text: formatKeyed('zh-CN', finding.message) } },
      }),
    );
    const republished = await s.t.agent().get(`/api/public/admission-decisions?region=${TOWNSHIP}`);
    expect(republished.body.items.find((d: any) => d.title === '村级禁毒专干').precheckReasons).toEqual([
      { key: 'admission.finding.text', params: { text: formatKeyed('zh-CN', finding.message) } },
    ]);
  });

  it("the village's own statutory organ needs no outside money or people: admissible as catalogued", async () => {
    const body = await s.fileAndSubmit(
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
    const body = await s.fileAndSubmit(
      specialTask({ kind: 'certificate', title: '要求村委会出具亲属关系证明', targets: [VILLAGE] }),
    );
    expect(body.status).toBe('refused');
    expect(body.precheck.findings[0]).toMatchObject({ rule: 'negative_certificate', item: { code: 'CN-NEG-2020-01' } });
  });

  it('assistance work without funding is returned (费随事转, S-6.4)', async () => {
    const body = await s.fileAndSubmit(
      specialTask({ kind: 'work_affair', title: '协助做好社会救助', funding: { provided: false } }),
    );
    expect(body.precheck.findings.map((f: any) => f.rule)).toEqual(
      expect.arrayContaining(['catalogued', 'assistance_unfunded']),
    );
    expect(body.status).toBe('returned');
  });
});

describe('access', () => {
  it('401 without a session, 403 for the wrong role, 404 for an invisible request', async () => {
    const anon = s.t.agent();
    expect((await anon.get('/api/admission/requests')).status).toBe(401);
    expect((await anon.post('/api/admission/flags', {})).status).toBe(401);
    expect((await s.village.post('/api/admission/requests', { content: specialTask() })).status).toBe(403);
    expect((await s.district.post('/api/admission/requests', { content: specialTask() })).status).toBe(403);
    const sys = await s.t.as('demo-sysadmin');
    expect((await sys.get('/api/admission/requests')).status).toBe(403);
    expect((await s.dept.get('/api/admission/requests/0190d000-0000-7000-8000-000000000000')).status).toBe(404);
    const { version } = (await s.district.get('/api/admission/settings')).body;
    expect(
      (
        await s.township.request('PUT', '/api/admission/settings', {
          version,
          chain: {},
          calendar: { holidays: [], workdays: [], source: '' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await s.district.request('PUT', '/api/admission/settings', {
          version,
          chain: {},
          calendar: { holidays: [], workdays: [], source: '仅周末' },
        })
      ).status,
    ).toBe(200);
  });

  it('validates the filing form', async () => {
    const bad = await s.dept.post('/api/admission/requests', { content: specialTask({ endsOn: '2026-01-01' }) });
    expect(bad.status).toBe(400);
    const outside = await s.dept.post('/api/admission/requests', {
      content: specialTask({ targets: ['140405000000'] }),
    });
    expect(outside.status).toBe(400);
    const pre = await s.dept.post('/api/admission/precheck', { content: specialTask() });
    expect(pre.status).toBe(200);
    expect(pre.body.outcome).toBe('needs_government');
  });
});
