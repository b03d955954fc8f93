// Scope (issue 11): a township never sees another township's cases, a department only its own; a village
// flag becomes a case for the department it names, which then sees it in its own list.
import { describe, expect, it } from 'vitest';
import { newAccount } from '../accounts/accounts.test-helpers.js';
import { supervisionTest } from './supervision.test-helpers-setup.js';
import { caseByCode, OTHER_TOWNSHIP, postReport, reportFields } from './supervision.test-helpers.js';

const s = supervisionTest();

async function assigned(kind: 'township' | 'department', assigneeId: string, ip: string) {
  const res = await postReport(s.t, await reportFields(s.t, { anonymous: true, name: null, contact: null }), [], ip);
  const c = await caseByCode(s.district, res.body.code);
  const a = await s.district.post(`/api/supervision/cases/${c.id}/assign`, {
    version: c.version,
    assigneeKind: kind,
    assigneeId,
  });
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  return a.body as { id: string; code: string };
}

describe('who sees which case', () => {
  it('a township sees the cases assigned to it and never another township’s', async () => {
    const mine = await assigned('township', '140404001000', '10.0.0.1');
    const theirs = await assigned('township', OTHER_TOWNSHIP, '10.0.0.2');
    const other = await newAccount(s.t, 'sudian-officer', { role: 'township_officer', regionCode: OTHER_TOWNSHIP });
    const ownList = (await s.township.get('/api/supervision/cases')).body.items.map((c: { id: string }) => c.id);
    expect(ownList).toContain(mine.id);
    expect(ownList).not.toContain(theirs.id);
    expect((await s.township.get(`/api/supervision/cases/${theirs.id}`)).status).toBe(404);
    const otherList = (await other.agent.get('/api/supervision/cases')).body.items.map((c: { id: string }) => c.id);
    expect(otherList).toEqual([theirs.id]);
    // Nor can it act on a case that is not its own.
    const act = await other.agent.post(`/api/supervision/cases/${mine.id}/investigate`, {
      version: 2,
      note: '核查一下',
    });
    expect(act.status).toBe(404);
  });

  it('a department sees only the cases assigned to it; the anonymous reporter is never revealed', async () => {
    const deps = (await s.district.get('/api/supervision/assignees')).body.departments as {
      id: string;
      name: string;
    }[];
    const agri = deps.find((d) => d.name === '长治市上党区农业农村局')!;
    const other = deps.find((d) => d.name !== agri.name)!;
    const mine = await assigned('department', agri.id, '10.0.0.3');
    const theirs = await assigned('department', other.id, '10.0.0.4');
    const list = (await s.dept.get('/api/supervision/cases')).body.items.map((c: { id: string }) => c.id);
    expect(list).toContain(mine.id);
    expect(list).not.toContain(theirs.id);
    expect((await s.district.post(`/api/supervision/cases/${mine.id}/reveal`, { reason: '核实' })).status).toBe(409);
  });

  it('village cadres have no case list; anonymous callers get 401', async () => {
    expect((await s.village.get('/api/supervision/cases')).status).toBe(403);
    expect((await s.t.agent().get('/api/supervision/cases')).status).toBe(401);
  });

  it('merges a duplicate with a reason: its reporter sees the other case’s answers', async () => {
    const a = await assigned('township', '140404001000', '10.0.0.5');
    const dup = await postReport(s.t, await reportFields(s.t, { anonymous: true, name: null }), [], '10.0.0.6');
    const d = await caseByCode(s.district, dup.body.code);
    const m = await s.district.post(`/api/supervision/cases/${d.id}/merge`, {
      version: d.version,
      intoCode: a.code,
      reason: '同一事项',
    });
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body).toMatchObject({ status: 'merged', mergedInto: a.code });
    expect((await s.t.agent().get(`/api/public/reports/${dup.body.code}`)).body.status).toBe('merged');
  });
});

describe('a village flag becomes a case in one click', () => {
  it('is assigned to the department named, which sees it in its own list; the flag is not turned twice', async () => {
    const named = (await s.village.get('/api/admission/departments')).body.items.find(
      (d: { name: string }) => d.name === '长治市上党区农业农村局',
    );
    const flag = await s.village.post('/api/admission/flags', {
      departmentId: named.id,
      taskTitle: '每月上报秸秆禁烧巡查照片',
      description: '未经准入，微信群直接下达',
      channel: 'wechat',
      receivedOn: '2026-11-20',
    });
    expect(flag.status, JSON.stringify(flag.body)).toBe(200);
    expect((await s.township.post(`/api/supervision/flags/${flag.body.id}/case`, {})).status).toBe(403);
    const made = await s.district.post(`/api/supervision/flags/${flag.body.id}/case`, {});
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const seen = (await s.dept.get('/api/supervision/cases')).body.items.find(
      (c: { id: string }) => c.id === made.body.id,
    );
    expect(seen).toMatchObject({
      status: 'assigned',
      assigneeKind: 'department',
      category: 'unadmitted_task',
      source: 'flag',
    });
    const detail = await s.dept.get(`/api/supervision/cases/${made.body.id}`);
    expect(detail.body.description).toContain('每月上报秸秆禁烧巡查照片');
    expect(JSON.stringify(detail.body)).not.toContain('韩店村委会（演示）');
    expect((await s.district.post(`/api/supervision/flags/${flag.body.id}/case`, {})).status).toBe(409);
    const flags = (await s.district.get('/api/admission/flags')).body.items;
    expect(flags.find((f: { id: string }) => f.id === flag.body.id).status).toBe('case');
  });
});
