/**
 * Clean-up tasks (S-6, S-9): owners (village or the imposing department), evidence checked by content
 * and size (optional: no compulsory photos), closure, overdue lists, and reminders before and on the
 * deadline from the scheduled job, idempotent per task, recipient and day (moved with t.clock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import {
  DUE_SOON_PHASES,
  launchedCampaign,
  ledgerOf,
  PDF_MIN,
  PNG_1PX,
  upload,
} from '../../../../test/fixtures/ledgers/helpers.js';
import { runReminders, REMINDER_JOB } from './reminders.service.js';

let t: TestApp;
let campaignId: string;
let ledgerId: string;
let village: Agent;
let township: Agent;
let department: Agent;
let district: Agent;
let tasks: any[];

const byTitle = (needle: string) => tasks.find((x) => x.title.includes(needle));

beforeAll(async () => {
  t = await createTestApp();
  ({ id: campaignId, district } = await launchedCampaign(t, {
    phases: DUE_SOON_PHASES,
  }));
  ledgerId = await ledgerOf(t, campaignId, '140404001200');
  village = await t.as('demo-village');
  township = await t.as('demo-township');
  department = await t.as('demo-department');
  for (const r of [
    { category: 'sign', name: '韩店村禁毒工作站', imposedBy: '区禁毒委', fields: { position: 'outside' } },
    { category: 'sign', name: '韩店村老年协会', imposedBy: '区民政局', fields: { position: 'outside' } },
    { category: 'sign', name: '韩店村民委员会', imposedBy: '韩店街道', fields: { position: 'outside' } },
    {
      category: 'work_affair',
      name: '填报农村人居环境统计表',
      imposedBy: '区农业农村局',
      fields: { formsRequired: 3 },
    },
  ])
    expect((await village.post(`/api/ledgers/${ledgerId}/rows`, r)).status).toBe(200);
  const v = (await village.get(`/api/ledgers/${ledgerId}`)).body.ledger.version;
  const acc = await village.post(`/api/ledgers/${ledgerId}/accept-all`, { version: v });
  expect(acc.status).toBe(200);
  // 待核实（目录未完整） is never accepted in bulk: the cadre decides the statistics form after checking it.
  const ledger = (await village.get(`/api/ledgers/${ledgerId}`)).body;
  const form = ledger.rows.work_affair.find((r: any) => r.name === '填报农村人居环境统计表');
  expect(form.suggestion.verdict).toBe('verify');
  expect(form.decision).toBeNull();
  const decided = await village.post(`/api/ledger-rows/${form.id}/decision`, {
    action: 'override',
    verdict: 'cancel',
    reason: '经核实不在履行职责和协助事项目录内，也未经区政府批准',
    version: form.version,
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  await village.post(`/api/ledgers/${ledgerId}/submit`, { version: decided.body.ledgerVersion });
  const l = (await township.get(`/api/ledgers/${ledgerId}`)).body.ledger;
  expect((await township.post(`/api/ledgers/${ledgerId}/approve`, { version: l.version })).status).toBe(200);
  tasks = (await township.get(`/api/tasks?campaignId=${campaignId}`)).body.items;
});
afterAll(() => t.close());

describe('owners and visibility', () => {
  it("a board is the village's task; a burden imposed by a department is the department's", () => {
    expect(tasks).toHaveLength(3);
    expect(byTitle('禁毒工作站')).toMatchObject({
      owner: { kind: 'village' },
      deadline: '2026-12-03',
      status: 'open',
      overdue: false,
      daysLeft: 5,
    });
    expect(byTitle('人居环境')).toMatchObject({
      owner: { kind: 'department', name: '长治市上党区农业农村局' },
      deadline: '2026-12-10',
    });
  });

  it("the village sees its village's tasks; the department officer only its own department's", async () => {
    expect((await village.get('/api/tasks')).body.total).toBe(3);
    const mine = (await department.get('/api/tasks')).body;
    expect(mine.items.map((x: any) => x.title)).toEqual([byTitle('人居环境').title]);
    expect((await department.get(`/api/tasks/${byTitle('禁毒工作站').id}`)).status).toBe(404);
    expect((await village.get('/api/tasks?mine=true')).body.total).toBe(2);
  });
});

describe('evidence and closure', () => {
  it('accepts PNG and PDF by content; refuses a renamed file (415) and an oversized one (413)', async () => {
    const task = byTitle('禁毒工作站');
    const png = await upload(
      t,
      village,
      `/api/tasks/${task.id}/evidence`,
      { data: PNG_1PX, filename: '摘牌后.png', contentType: 'image/png' },
      { note: '已摘除' },
    );
    expect(png.status).toBe(200);
    expect(png.body.evidence).toEqual([
      expect.objectContaining({
        revision: 1,
        contentType: 'image/png',
        name: '摘牌后.png',
        note: '已摘除',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    const fake = await upload(t, village, `/api/tasks/${task.id}/evidence`, {
      data: Buffer.from('<html>not an image</html>'),
      filename: 'photo.png',
      contentType: 'image/png',
    });
    expect(fake.status).toBe(415);
    expect(fake.body.error.message).toMatch(/按文件内容识别/);
    const big = Buffer.concat([PNG_1PX, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(t, village, `/api/tasks/${task.id}/evidence`, { data: big, filename: 'big.png' });
    expect(tooBig.status).toBe(413);
    const pdf = await upload(t, department, `/api/tasks/${byTitle('人居环境').id}/evidence`, {
      data: PDF_MIN,
      filename: '取消通知',
      contentType: 'application/pdf',
    });
    expect(pdf.status).toBe(200);
    expect(pdf.body.evidence[0]).toMatchObject({ contentType: 'application/pdf', name: '取消通知.pdf' });
    const file = await village.get(`/api/tasks/${task.id}/evidence/${png.body.evidence[0].id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    // Stored re-encoded (issue 14): still a PNG, not the uploaded bytes.
    expect(file.raw.subarray(1, 4).toString()).toBe('PNG');
  });

  it("only the owner (or the township) works a task: the village may not upload to the department's task", async () => {
    const res = await upload(t, village, `/api/tasks/${byTitle('人居环境').id}/evidence`, {
      data: PNG_1PX,
      filename: 'x.png',
    });
    expect(res.status).toBe(403);
    const close = await village.post(`/api/tasks/${byTitle('人居环境').id}/close`, {
      note: '已完成',
      version: byTitle('人居环境').version,
    });
    expect(close.status).toBe(403);
  });

  it("closure needs a note, not a photo; the district's after-count follows", async () => {
    const before = (await district.get(`/api/campaigns/${campaignId}/rollup`)).body.totals.byCategory.sign;
    const task = (await village.get(`/api/tasks/${byTitle('老年协会').id}`)).body.task;
    expect(task.evidenceCount).toBe(0);
    expect((await village.post(`/api/tasks/${task.id}/close`, { note: '', version: task.version })).status).toBe(400);
    const res = await village.post(`/api/tasks/${task.id}/close`, {
      note: '牌子已摘除，内容并入综合指引牌',
      version: task.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({
      status: 'closed',
      closureNote: expect.stringContaining('已摘除'),
      abilities: { close: false, reopen: false },
    });
    const after = (await district.get(`/api/campaigns/${campaignId}/rollup`)).body.totals.byCategory.sign;
    expect(after.achievedAfter).toBe(before.achievedAfter - 1);
    expect(after.tasksClosed).toBe(before.tasksClosed + 1);
    const again = await village.post(`/api/tasks/${task.id}/close`, {
      note: '再次办结',
      version: res.body.task.version,
    });
    expect(again.status).toBe(409);
  });

  it('the township reassigns an owner and reopens a closed task; the village may not', async () => {
    const task = (await township.get(`/api/tasks/${byTitle('禁毒工作站').id}`)).body.task;
    expect(
      (await village.patch(`/api/tasks/${task.id}`, { deadline: '2026-12-20', version: task.version })).status,
    ).toBe(403);
    const deps = (await district.get('/api/departments')).body.items;
    const justice = deps.find((d: any) => d.name.includes('司法局'));
    const moved = await township.patch(`/api/tasks/${task.id}`, {
      ownerKind: 'department',
      ownerDepartmentId: justice.id,
      version: task.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.task.owner).toMatchObject({ kind: 'department', name: justice.name });
    expect(
      (await township.patch(`/api/tasks/${task.id}`, { ownerKind: 'village', version: task.version })).status,
    ).toBe(409);
    const back = await township.patch(`/api/tasks/${task.id}`, {
      ownerKind: 'village',
      version: moved.body.task.version,
    });
    expect(back.body.task.owner.kind).toBe('village');
    const closed = (await township.get(`/api/tasks/${byTitle('老年协会').id}`)).body.task;
    const reopened = await township.post(`/api/tasks/${closed.id}/reopen`, {
      note: '现场检查发现牌子仍在',
      version: closed.version,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.task.status).toBe('open');
    const closeAgain = await village.post(`/api/tasks/${closed.id}/close`, {
      note: '已再次核实摘除',
      version: reopened.body.task.version,
    });
    expect(closeAgain.status).toBe(200);
  });
});

const notes = async (agent: Agent, kind: string) =>
  (await agent.get('/api/notifications?pageSize=100')).body.items.filter((n: any) => n.kind === kind);
/** Moving the clock by days ends idle sessions: sign in again. */
const at = async (iso: string) => {
  t.clock.set(iso);
  [village, township, department, district] = await Promise.all(
    ['demo-village', 'demo-township', 'demo-department', 'demo-district'].map((u) => t.as(u)),
  );
};

describe('overdue and reminders (scheduled job)', () => {
  it('reminds 3 days before the deadline, once per task, recipient and day, however often the job runs', async () => {
    await at('2026-11-30T01:00:00.000Z'); // 09:00 in Shanghai, 3 days before 12-03
    const first = await runReminders(t.deps);
    expect(first).toMatchObject({ date: '2026-11-30', tasks: 1, created: 1 });
    expect(await runReminders(t.deps)).toMatchObject({ created: 0 });
    await t.deps.jobs.enqueueScheduled();
    await at('2026-11-30T09:30:00.000Z'); // later the same (Shanghai) day: a new hourly slot runs the job again
    await t.deps.jobs.enqueueScheduled();
    const runs = await t.deps.db.selectFrom('job').select(['status']).where('name', '=', REMINDER_JOB).execute();
    expect(runs.length).toBe(2);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    const soon = await notes(village, 'task.due_soon');
    expect(soon).toHaveLength(1);
    expect(soon[0]).toMatchObject({
      title: expect.stringContaining('2026-12-03'),
      entity: 'cleanup_task',
      entityId: byTitle('禁毒工作站').id,
    });
    expect(await notes(department, 'task.due_soon')).toHaveLength(0);
  });

  it('nothing on an ordinary day; on the deadline a due-today reminder, once', async () => {
    await at('2026-12-01T02:00:00.000Z');
    expect(await runReminders(t.deps)).toMatchObject({ created: 0 });
    await at('2026-12-03T00:30:00.000Z');
    expect(await runReminders(t.deps)).toMatchObject({ date: '2026-12-03', created: 1 });
    expect(await runReminders(t.deps)).toMatchObject({ created: 0 });
    expect(await notes(village, 'task.due_today')).toHaveLength(1);
  });

  it('the department is reminded of its own task before its deadline', async () => {
    await at('2026-12-07T03:00:00.000Z');
    expect(await runReminders(t.deps)).toMatchObject({ created: 1 });
    expect((await notes(department, 'task.due_soon'))[0]).toMatchObject({ entityId: byTitle('人居环境').id });
  });

  it('after the deadline the open task is overdue at every level; the closed one is not', async () => {
    await at('2026-12-04T02:00:00.000Z');
    for (const agent of [village, township, district]) {
      const list = (await agent.get(`/api/tasks?campaignId=${campaignId}&overdue=true`)).body;
      expect(list.items.map((x: any) => x.title)).toEqual([byTitle('禁毒工作站').title]);
      expect(list.items[0]).toMatchObject({ overdue: true, daysLeft: -1 });
    }
    const roll = (await district.get(`/api/campaigns/${campaignId}/rollup`)).body;
    expect(roll.totals.overdueTasks).toMatchObject({ total: 1, byCategory: { sign: 1 } });
    expect(roll.children.find((c: any) => c.regionCode === '140404001000').overdueTasks).toBe(1);
    expect(roll.phases.find((p: any) => p.key === 'signs_certificates')).toMatchObject({
      total: 2,
      done: 1,
      pastDeadline: true,
      behind: true,
    });
  });

  it('moving a phase deadline moves its open tasks', async () => {
    const c = (await district.get(`/api/campaigns/${campaignId}`)).body;
    const res = await district.patch(`/api/campaigns/${campaignId}`, {
      phases: [{ key: 'signs_certificates', deadline: '2026-12-15' }],
      version: c.version,
    });
    expect(res.status).toBe(200);
    expect((await village.get(`/api/tasks/${byTitle('禁毒工作站').id}`)).body.task.deadline).toBe('2026-12-15');
    expect((await village.get(`/api/tasks/${byTitle('老年协会').id}`)).body.task.deadline).toBe('2026-12-03');
    expect((await district.patch(`/api/campaigns/${campaignId}`, { name: '改名', version: c.version })).status).toBe(
      409,
    );
  });
});
