/** The review chain: township first, return and resubmission, rejection, a race of two approvals, named reviewers and working-day deadlines. */
import { describe, expect, it } from 'vitest';
import { admissionTest, VILLAGE, specialTask } from './admission.test-helpers.js';

const s = admissionTest();

describe('the review chain', () => {
  it('routes a township-scoped request through the township first; return needs a reason and opens a new revision; reject is final', async () => {
    const sub = await s.fileAndSubmit(specialTask({ title: '村级农机安全检查台账报送', targets: [VILLAGE] }));
    expect(sub.steps.map((s: any) => s.step)).toEqual(['township', 'district', 'government']);
    expect((await s.decide(s.district, sub)).status).toBe(403);
    const noReason = await s.township.post(`/api/admission/requests/${sub.id}/decision`, {
      version: sub.version,
      revision: 1,
      action: 'return',
    });
    expect(noReason.status).toBe(400);
    const returned = await s.township.post(`/api/admission/requests/${sub.id}/decision`, {
      version: sub.version,
      revision: 1,
      action: 'return',
      reason: '请写明台账字段，避免与一表通重复',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', revision: 2 });

    const edited = await s.dept.patch(`/api/admission/requests/${sub.id}`, {
      version: returned.body.version,
      content: specialTask({
        title: '村级农机安全检查台账报送',
        targets: [VILLAGE],
        forms: [{ name: '农机安全台账', frequency: 'quarterly', fields: '机主、机型、检查日期' }],
      }),
    });
    expect(edited.status).toBe(200);
    const resub = await s.dept.post(`/api/admission/requests/${sub.id}/submit`, { version: edited.body.version });
    expect(resub.body.status).toBe('in_review');
    expect(resub.body.revisions.map((r: any) => r.revision)).toEqual([1, 2]);

    // A decision bound to the old revision is refused.
    expect(
      (
        await s.township.post(`/api/admission/requests/${sub.id}/decision`, {
          version: resub.body.version,
          revision: 1,
          action: 'approve',
        })
      ).status,
    ).toBe(409);
    const ok = await s.township.post(`/api/admission/requests/${sub.id}/decision`, {
      version: resub.body.version,
      revision: 2,
      action: 'approve',
    });
    expect(ok.status).toBe(200);
    const noReject = await s.district.post(`/api/admission/requests/${sub.id}/decision`, {
      version: ok.body.version,
      revision: 2,
      action: 'reject',
    });
    expect(noReject.status).toBe(400);
    const rejected = await s.district.post(`/api/admission/requests/${sub.id}/decision`, {
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
    const portal = await s.t.agent().get(`/api/public/admission-decisions?region=${VILLAGE}`);
    expect(portal.body.items).toContainEqual(
      expect.objectContaining({
        title: '村级农机安全检查台账报送',
        decision: 'rejected',
        reason: '属于部门自身职责，不得派交村级组织',
      }),
    );
  });

  it('lets exactly one of two concurrent approvals win (the other gets 409)', async () => {
    const sub = await s.fileAndSubmit(specialTask({ title: '冬季防火宣传专项任务' }));
    const reviewed = await s.decide(s.district, sub);
    const approver2 = await s.t.as('demo-approver');
    const body = { version: reviewed.body.version, revision: 1, action: 'approve' };
    const results = await Promise.all([
      s.approver.post(`/api/admission/requests/${sub.id}/decision`, body),
      approver2.post(`/api/admission/requests/${sub.id}/decision`, body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(lost.body.error.details.current).toMatchObject({ id: sub.id, status: 'approved' });
    const events = await s.t.deps.db
      .selectFrom('admissionEvent')
      .select('action')
      .where('requestId', '=', sub.id)
      .where('action', '=', 'approve')
      .execute();
    expect(events).toHaveLength(2); // the district review and one final approval
    const audits = await s.t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', sub.id)
      .where('action', '=', 'admission.approve')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('names the reviewer configured by the district and sets deadlines in working days', async () => {
    const approverId = (await s.approver.get('/api/auth/me')).body.id;
    const current = await s.district.get('/api/admission/settings');
    expect(current.body).toMatchObject({
      isDefault: true,
      chain: { townshipReview: true, governmentFor: 'out_of_catalog', district: { workingDays: 10 } },
    });
    expect(current.body.calendar.holidays).toContain('2026-10-01');
    const bad = await s.district.request('PUT', '/api/admission/settings', {
      version: current.body.version,
      chain: { ...current.body.chain, government: { workingDays: 5, assigneeUserId: 'no-such-user' } },
      calendar: current.body.calendar,
    });
    expect(bad.status).toBe(400);
    const set = await s.district.request('PUT', '/api/admission/settings', {
      version: current.body.version,
      chain: { ...current.body.chain, government: { workingDays: 5, assigneeUserId: approverId } },
      calendar: current.body.calendar,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(
      (
        await s.district.request('PUT', '/api/admission/settings', {
          version: current.body.version,
          chain: current.body.chain,
          calendar: current.body.calendar,
        })
      ).status,
    ).toBe(409);
    const sub = await s.fileAndSubmit(specialTask({ title: '村级农产品质量安全巡查专项任务' }));
    const r1 = await s.decide(s.district, sub);
    expect(r1.body.steps[1]).toMatchObject({
      step: 'government',
      status: 'open',
      assigneeName: '区政府审批人（演示）',
      workingDays: 5,
      dueOn: '2026-12-04',
    });
    const restored = await s.district.request('PUT', '/api/admission/settings', {
      version: set.body.version,
      chain: current.body.chain,
      calendar: current.body.calendar,
    });
    expect(restored.status).toBe(200);
  });
});
