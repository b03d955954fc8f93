/** Helpers for the admission route tests (not a test file itself): one app per file, the demo agents, a filing. */
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { declareComplete } from '../../../../test/catalog-status.js';

export const COUNTY = '140404000000';
export const VILLAGE = '140404001200';
export const TOWNSHIP = '140404001000';

/** An out-of-catalog special task for the whole district, funded and staffed. */
export const specialTask = (over: Record<string, unknown> = {}) => ({
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

export interface AdmissionTest {
  t: TestApp;
  dept: Agent;
  district: Agent;
  approver: Agent;
  township: Agent;
  village: Agent;
  /** Signs the demo users in again (after the clock moved past their sessions). */
  signIn(): Promise<void>;
  /** Files a request as the department (or `as`) and submits it; the submitted detail. */
  fileAndSubmit(content: Record<string, unknown>, as?: Agent): Promise<any>;
  /** A decision on revision 1 of a submitted request (the detail it answers). */
  decide(as: Agent, sub: { id: string; version: number }, action?: string): Promise<any>;
  /** Approves an out-of-catalog request through the district and the district government; the last response. */
  admit(sub: { id: string; version: number }): Promise<any>;
}

/**
 * A fresh app for the file, with the demo department, district, approver, township and village signed in,
 * and (unless `catalogsComplete: false`) the district's duty and assistance catalogs declared complete, so
 * "not in the catalog" is an answer, not 待核实.
 */
export function admissionTest({ catalogsComplete = true } = {}): AdmissionTest {
  const s = {
    async signIn() {
      [s.dept, s.district, s.approver, s.township, s.village] = await Promise.all(
        ['demo-department', 'demo-district', 'demo-approver', 'demo-township', 'demo-village'].map((u) => s.t.as(u)),
      );
    },
    async fileAndSubmit(content: Record<string, unknown>, as: Agent = s.dept) {
      const created = await as.post('/api/admission/requests', { content });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const submitted = await as.post(`/api/admission/requests/${created.body.id}/submit`, {
        version: created.body.version,
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      return submitted.body;
    },
    decide: (as: Agent, sub: { id: string; version: number }, action = 'approve') =>
      as.post(`/api/admission/requests/${sub.id}/decision`, { version: sub.version, revision: 1, action }),
    async admit(sub: { id: string; version: number }) {
      const reviewed = await s.decide(s.district, sub);
      return s.decide(s.approver, reviewed.body);
    },
  } as AdmissionTest;
  beforeAll(async () => {
    s.t = await createTestApp();
    await s.signIn();
    if (catalogsComplete)
      for (const kind of ['duty', 'assistance'])
        expect((await declareComplete(s.district, COUNTY, kind)).status).toBe(200);
  });
  afterAll(() => s.t.close());
  return s;
}
