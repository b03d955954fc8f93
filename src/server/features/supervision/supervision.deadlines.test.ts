// Deadlines and reassignment (issue 11): 15 working days on the admission calendar, the overdue list,
// reassignment only with a reason, and no reopening after 15 days.
import { describe, expect, it } from 'vitest';
import { supervisionTest } from './supervision.test-helpers-setup.js';
import { caseByCode, postReport, reportFields } from './supervision.test-helpers.js';

const s = supervisionTest();

describe('deadlines, the overdue list and reassignment', () => {
  it('counts 15 working days on the calendar, lists the case as overdue after it, and reassigns only with a reason', async () => {
    // Thursday 2026-09-24: the 中秋 and 国庆 holidays (09-25…09-27, 10-01…10-07) and the make-up days count as configured.
    s.t.clock.set('2026-09-24T02:00:00.000Z');
    const res = await postReport(s.t, await reportFields(s.t, { anonymous: true, name: null }), [], '10.1.0.1');
    const c = await caseByCode(s.district, res.body.code);
    const a = await s.district.post(`/api/supervision/cases/${c.id}/assign`, {
      version: c.version,
      assigneeKind: 'township',
      assigneeId: '140404001000',
    });
    expect(a.body.dueOn).toBe('2026-10-22');
    expect((await s.district.get('/api/supervision/cases?overdue=true')).body.items).toEqual([]);

    s.t.clock.set('2026-10-23T02:00:00.000Z');
    const overdue = (await s.district.get('/api/supervision/cases?overdue=true')).body.items;
    expect(overdue.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(overdue[0].overdue).toBe(true);

    const noReason = await s.district.post(`/api/supervision/cases/${c.id}/assign`, {
      version: a.body.version,
      assigneeKind: 'township',
      assigneeId: '140404101000',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toBe('改派须说明理由');
    const moved = await s.district.post(`/api/supervision/cases/${c.id}/assign`, {
      version: a.body.version,
      assigneeKind: 'township',
      assigneeId: '140404101000',
      reason: '事发地属苏店镇',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.steps.at(-1)).toMatchObject({ kind: 'reassigned', note: '事发地属苏店镇' });
    expect(moved.body.overdue).toBe(false);
    // The first township no longer sees it.
    expect((await s.township.get(`/api/supervision/cases/${c.id}`)).status).toBe(404);
  });

  it('lets the reporter reopen only within 15 days of the answer', async () => {
    s.t.clock.set('2026-11-02T02:00:00.000Z');
    const res = await postReport(s.t, await reportFields(s.t, { anonymous: true, name: null }), [], '10.1.0.2');
    const c = await caseByCode(s.district, res.body.code);
    const a = await s.district.post(`/api/supervision/cases/${c.id}/assign`, {
      version: c.version,
      assigneeKind: 'township',
      assigneeId: '140404001000',
    });
    const inv = await s.township.post(`/api/supervision/cases/${c.id}/investigate`, {
      version: a.body.version,
      note: '已核实',
    });
    await s.township.post(`/api/supervision/cases/${c.id}/answer`, {
      version: inv.body.version,
      finding: 'unfounded',
      text: '经核实不属实',
    });
    s.t.clock.set('2026-11-18T02:00:00.000Z');
    const st = await s.t.agent().get(`/api/public/reports/${res.body.code}`);
    expect(st.body).toMatchObject({ canReopen: false, reopenUntil: '2026-11-17' });
    const late = await s.t.agent().post(`/api/public/reports/${res.body.code}/reopen`, { reason: '不同意结论' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('只能在答复后 15 日内重新提起一次');
  });
});
