// Issue 11, done means (S-9, S-10): a villager's report with a tracking code goes through 受理 → 分办 →
// 核查 → 答复 → 评价/重新提起 → 答复 → 办结, every step audited; scope by township and department.
import { describe, expect, it } from 'vitest';
import { supervisionTest } from './supervision.test-helpers-setup.js';
import { caseByCode, PHOTO_TEXT, postReport, reportFields } from './supervision.test-helpers.js';

const s = supervisionTest();

describe('a public report from submission to closing', () => {
  let code = '';
  let id = '';

  it('takes a report without login and answers with a tracking code and a status without personal data', async () => {
    const res = await postReport(s.t, await reportFields(s.t));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    code = res.body.code;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    const st = await s.t.agent().get(`/api/public/reports/${code}`);
    expect(st.status).toBe(200);
    expect(st.body).toMatchObject({ code, status: 'received', regionName: '韩店村委会', answers: [] });
    const text = JSON.stringify(st.body);
    for (const personal of ['王小明', '13912345678', PHOTO_TEXT]) expect(text).not.toContain(personal);
    // A typo in the code (its check character) is "not found" at once.
    const typo = code.slice(0, 9) + (code[9] === 'A' ? 'B' : 'A');
    expect((await s.t.agent().get(`/api/public/reports/${typo}`)).body.error.code).toBe('not_found');
  });

  it('lets the district assign it to the township, with a deadline of 15 working days', async () => {
    const c = await caseByCode(s.district, code);
    id = c.id;
    expect(c).toMatchObject({ status: 'received', category: 'forms_photos_checkins' });
    const detail = await s.district.get(`/api/supervision/cases/${id}`);
    expect(detail.body.reporterMasked).toEqual({ name: '王*明', contact: '139******78' });
    expect(detail.body.abilities).toMatchObject({ assign: true, answer: false, reveal: true });
    // The township sees nothing before the case is assigned to it.
    expect((await s.township.get(`/api/supervision/cases/${id}`)).status).toBe(404);
    const res = await s.district.post(`/api/supervision/cases/${id}/assign`, {
      version: c.version,
      assigneeKind: 'township',
      assigneeId: '140404001000',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'assigned', assigneeName: '韩店街道' });
    expect(res.body.dueOn > '2026-01-01').toBe(true);
    // A second write with the old version loses (optimistic concurrency).
    const stale = await s.district.post(`/api/supervision/cases/${id}/assign`, {
      version: c.version,
      assigneeKind: 'township',
      assigneeId: '140404001000',
      reason: '重复',
    });
    expect(stale.status).toBe(409);
  });

  it('keeps the reporter visible only to the district handler, each reveal audited', async () => {
    const d = await s.district.post(`/api/supervision/cases/${id}/reveal`, { reason: '电话核实情况' });
    expect(d.body).toEqual({ name: '王小明', contact: '13912345678' });
    expect((await s.township.post(`/api/supervision/cases/${id}/reveal`, { reason: '想看看' })).status).toBe(403);
    const t = await s.township.get(`/api/supervision/cases/${id}`);
    expect(t.status).toBe(200);
    expect(JSON.stringify(t.body)).not.toContain('13912345678');
  });

  it('the township verifies and answers; the villager sees the answer, rates it unsatisfied and reopens once', async () => {
    let v = (await s.township.get(`/api/supervision/cases/${id}`)).body.version;
    const inv = await s.township.post(`/api/supervision/cases/${id}/investigate`, {
      version: v,
      note: '经核实，镇里确有此要求',
    });
    expect(inv.status, JSON.stringify(inv.body)).toBe(200);
    const ans = await s.township.post(`/api/supervision/cases/${id}/answer`, {
      version: inv.body.version,
      finding: 'founded',
      text: '已通知停止每周交照片的要求',
    });
    expect(ans.body.status).toBe('answered');
    const pub = s.t.agent();
    const st = await pub.get(`/api/public/reports/${code}`);
    expect(st.body).toMatchObject({ status: 'answered', canRate: true, canReopen: true });
    expect(st.body.answers[0]).toMatchObject({ finding: 'founded', text: '已通知停止每周交照片的要求' });
    expect((await pub.post(`/api/public/reports/${code}/rating`, { satisfied: false })).body.rating).toBe(
      'unsatisfied',
    );
    const re = await pub.post(`/api/public/reports/${code}/reopen`, { reason: '还在要求交照片' });
    expect(re.status, JSON.stringify(re.body)).toBe(200);
    expect(re.body).toMatchObject({ status: 'assigned', canReopen: false });

    v = (await s.township.get(`/api/supervision/cases/${id}`)).body.version;
    const inv2 = await s.township.post(`/api/supervision/cases/${id}/investigate`, { version: v, note: '再次核实' });
    const cor = await s.township.post(`/api/supervision/cases/${id}/correct`, {
      version: inv2.body.version,
      note: '发文取消照片要求',
    });
    const ans2 = await s.township.post(`/api/supervision/cases/${id}/answer`, {
      version: cor.body.version,
      finding: 'founded',
      text: '已发文取消，并约谈相关人员',
    });
    expect(ans2.body.answers).toHaveLength(2);
    const closed = await s.district.post(`/api/supervision/cases/${id}/close`, { version: ans2.body.version });
    expect(closed.body.status).toBe('closed');
    const final = await pub.get(`/api/public/reports/${code}`);
    expect(final.body).toMatchObject({ status: 'closed', canReopen: false });
    expect((await pub.post(`/api/public/reports/${code}/reopen`, { reason: '再来一次' })).status).toBe(409);
    expect(closed.body.steps.map((x: { kind: string }) => x.kind)).toEqual([
      'submitted',
      'assigned',
      'investigated',
      'answered',
      'rated',
      'reopened',
      'investigated',
      'corrected',
      'answered',
      'closed',
    ]);
  });

  it('has every step in the audit trail', async () => {
    const rows = await s.t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', id)
      .orderBy('seq')
      .execute();
    const actions = rows.map((r) => r.action).filter((a) => a !== 'supervision.view');
    expect(actions).toEqual([
      'supervision.report',
      'supervision.assigned',
      'supervision.reveal',
      'supervision.investigated',
      'supervision.answered',
      'supervision.rate',
      'supervision.reopen',
      'supervision.investigated',
      'supervision.corrected',
      'supervision.answered',
      'supervision.closed',
    ]);
  });
});
