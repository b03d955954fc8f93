/** After the decision: withdrawal, expiry and reminders, and the catalog adjustment an admitted request asks for. */
import { describe, expect, it } from 'vitest';
import { admissionTest, COUNTY, specialTask } from './admission.test-helpers.js';

const s = admissionTest();

describe('withdrawal and expiry', () => {
  it('withdraws an admitted task with a reason; the expiry job expires and reminds', async () => {
    const sub = await s.fileAndSubmit(
      specialTask({ title: '防汛物资清点专项任务', startsOn: '2026-11-28', endsOn: '2026-12-20' }),
    );
    const r2 = await s.admit(sub);
    expect(r2.body.effectState).toBe('in_effect');

    const { runExpiry } = await import('./admission.effect.service.js');
    expect((await runExpiry(s.t.deps)).reminders).toBeGreaterThanOrEqual(1);
    expect((await s.dept.get('/api/notifications')).body.items).toContainEqual(
      expect.objectContaining({ kind: 'admission.expiry', entityId: sub.id }),
    );
    expect((await runExpiry(s.t.deps)).reminders).toBe(0); // idempotent
    const reminders = await s.dept.get('/api/admission/reminders');
    expect(reminders.body.items).toContainEqual(expect.objectContaining({ requestId: sub.id, kind: 'expiry-30' }));

    expect(
      (
        await s.village.post(`/api/admission/requests/${sub.id}/withdraw`, {
          version: r2.body.version,
          reason: '不需要',
        })
      ).status,
    ).toBe(403);
    const w = await s.district.post(`/api/admission/requests/${sub.id}/withdraw`, {
      version: r2.body.version,
      reason: '汛期结束，任务提前终止',
    });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', withdrawReason: '汛期结束，任务提前终止' });
    expect((await s.village.get('/api/admission/admitted')).body.items.map((i: any) => i.id)).not.toContain(sub.id);

    const sub2 = await s.fileAndSubmit(
      specialTask({ title: '冬春农田水利检查专项任务', startsOn: '2026-11-28', endsOn: '2026-12-05' }),
    );
    await s.admit(sub2);
    s.t.clock.set('2026-12-07T02:00:00.000Z');
    try {
      expect((await runExpiry(s.t.deps)).expired).toBe(1);
      await s.signIn();
      const after = await s.dept.get(`/api/admission/requests/${sub2.id}`);
      expect(after.body).toMatchObject({ status: 'expired', effectState: 'expired' });
      expect((await s.village.get('/api/admission/admitted')).body.items.map((i: any) => i.id)).not.toContain(sub2.id);
    } finally {
      s.t.clock.set('2026-11-28T02:00:00.000Z');
      await s.signIn();
    }
  });
});

describe('effect on the catalogs', () => {
  it('an admitted request that adds to a catalog produces a submitted adjustment through the catalog service', async () => {
    const sub = await s.fileAndSubmit(
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
    const r2 = await s.admit(sub);
    expect(r2.status).toBe(200);
    // The district government cannot edit catalogs: the request waits for the district lead.
    expect(r2.body.adjustmentId).toBeNull();
    expect(r2.body.adjustmentNote).toContain('待区民政局');
    expect((await s.approver.post(`/api/admission/requests/${sub.id}/catalog-adjustment`)).status).toBe(403);
    const made = await s.district.post(`/api/admission/requests/${sub.id}/catalog-adjustment`);
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.adjustmentId).toBeTruthy();
    const adj = (await s.t.deps.db
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
    expect((await s.district.post(`/api/admission/requests/${sub.id}/catalog-adjustment`)).status).toBe(409);
  });
});
