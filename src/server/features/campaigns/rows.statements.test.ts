/**
 * Issue 15: how many SQL statements a signed-in read costs. The actor (session, account, grants) is one
 * statement; one ledger row by id is one more (row, its ledger's facts and its task joined), plus one
 * for last cycle's row when the row carries one over. Counted on the real app, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { counting } from '../../../../test/statements.js';
import { launchedCampaign, ledgerOf } from '../../../../test/fixtures/ledgers/helpers.js';

let t: TestApp;
let village: Agent;
let township: Agent;
let rowId: string;
let ledgerId: string;

beforeAll(async () => {
  t = await createTestApp();
  const { id } = await launchedCampaign(t);
  ledgerId = await ledgerOf(t, id, '140404001200');
  village = await t.as('demo-village');
  township = await t.as('demo-township');
  const created = await village.post(`/api/ledgers/${ledgerId}/rows`, {
    category: 'sign',
    name: '韩店村禁毒工作站',
    imposedBy: '区禁毒委',
    fields: { position: 'outside' },
  });
  expect(created.status).toBe(200);
  rowId = created.body.row.id;
});
afterAll(() => t.close());

describe('statements per request', () => {
  it('the actor of a signed-in request is one statement (session ⋈ account ⟕ grants ⟕ regions)', async () => {
    const seen = await counting(t, () => village.get('/api/auth/me'));
    expect(seen[0]).toBe('Select session');
    expect(seen.filter((s) => s.endsWith(' session'))).toHaveLength(1);
    expect(seen.filter((s) => s.endsWith(' grant'))).toHaveLength(0);
  });

  it('one ledger row by id: the actor plus one statement', async () => {
    for (const agent of [village, township]) {
      let body: any;
      const seen = await counting(t, async () => {
        const res = await agent.get(`/api/ledger-rows/${rowId}`);
        expect(res.status).toBe(200);
        body = res.body;
      });
      expect(seen).toEqual(['Select session', 'Select ledger_row']);
      expect(body).toMatchObject({ row: { id: rowId, name: '韩店村禁毒工作站' }, ledgerStatus: 'draft' });
      expect(body.row.cleanup.taskId).toBeNull();
    }
  });

  it('a reader without the permission is refused after no more reads (the refusal is audited)', async () => {
    const other = await t.as('demo-department');
    const seen = await counting(t, async () => {
      const res = await other.get(`/api/ledger-rows/${rowId}`);
      expect([403, 404]).toContain(res.status);
    });
    expect(seen.filter((x) => x.startsWith('Select ') && x !== 'Select audit_log').length).toBeLessThanOrEqual(2);
  });
});
