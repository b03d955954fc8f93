/** The shared fixture of the supervision tests (not a test file itself). */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';

export interface SupervisionTest {
  t: TestApp;
  district: Agent;
  township: Agent;
  dept: Agent;
  village: Agent;
}

/** A fresh app for the file, with the demo district, township, department and village signed in. */
export function supervisionTest(): SupervisionTest {
  const s = {} as SupervisionTest;
  beforeAll(async () => {
    s.t = await createTestApp();
    [s.district, s.township, s.dept, s.village] = await Promise.all(
      ['demo-district', 'demo-township', 'demo-department', 'demo-village'].map((u) => s.t.as(u)),
    );
  });
  afterAll(() => s.t.close());
  return s;
}
