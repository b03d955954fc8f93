// The API description (external contract: GET /api/openapi.json, OpenAPI 3) is valid and complete.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { openapiPath } from './openapi-samples.js';

let t: TestApp;
let doc: any;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const res = await t.agent().get('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => t.close());

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('减负通 API');
    // validate() dereferences in place, so it gets a deep clone.
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('lists every /api route of the inventory (except /api/docs*) with its method', () => {
    const routes = t.app.routeInventory.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes
      .filter((r) => !doc.paths?.[openapiPath(r.url)]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('documents path parameters in OpenAPI form and gives each operation a Chinese summary', () => {
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      expect(path).not.toMatch(/:/);
      for (const [method, op] of Object.entries<any>(ops)) {
        expect(op.summary, `${method.toUpperCase()} ${path}`).toMatch(/[\u4e00-\u9fff]/);
        for (const name of path.match(/\{(\w+)\}/g)?.map((m) => m.slice(1, -1)) ?? []) {
          expect(
            op.parameters?.some((p: any) => p.in === 'path' && p.name === name),
            `${method.toUpperCase()} ${path} {${name}}`,
          ).toBe(true);
        }
      }
    }
  });

  it('is public: no session needed', async () => {
    expect((await t.agent().get('/api/openapi.json')).status).toBe(200);
  });
});
