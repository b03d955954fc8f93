/**
 * T-X1, the fuzzed part: byte-level mutants of the valid corpus workbook (bit flips, truncations,
 * insertions, zeroed ranges, in both a deflated and a stored variant). A mutant may still be a valid
 * workbook (a flipped timestamp byte changes nothing), so the property is: every upload is either
 * refused with 400 and a Chinese message, or accepted with EXACTLY the payload row, never garbled
 * data, never a 5xx, and the server stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYLOAD_CODE, PAYLOAD_NAME, book } from './xlsx-corpus.js';
import {
  CJK,
  DIALECT,
  ITERATIONS,
  budget,
  cleanupTempDirs,
  figure,
  freshDb,
  killAll,
  loginAs,
  multipart,
  prepareDemo,
  startServer,
  stopAndSweep,
  withDb,
  type Client,
  type ServerProcess,
  type TestDb,
} from './harness.js';

/** Mutants per run: 150 in npm test (with the 64 corpus uploads, K > 200 as T-X1 asks), 600 in the release run. */
const MUTANTS = ITERATIONS >= 50 ? 600 : 150;

/** A small seeded PRNG (mulberry32), so a failing mutant can be rebuilt from its index. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutant(i: number): { kind: string; data: Buffer } {
  const rnd = prng(0x5eed + i);
  const int = (n: number) => Math.floor(rnd() * n);
  const base =
    i % 2 ? book() : book({ patch: { 'xl/worksheets/sheet1.xml': { method: 0 }, 'xl/workbook.xml': { method: 0 } } });
  const b = Buffer.from(base);
  switch (i % 5) {
    case 0: {
      const flips = 1 + int(4);
      for (let k = 0; k < flips; k++) b[int(b.length)] ^= 1 << int(8);
      return { kind: `flip×${flips}`, data: b };
    }
    case 1:
      return { kind: 'truncate', data: b.subarray(0, int(b.length)) };
    case 2: {
      const at = int(b.length);
      return {
        kind: 'insert',
        data: Buffer.concat([
          b.subarray(0, at),
          Buffer.from(Array.from({ length: 1 + int(16) }, () => int(256))),
          b.subarray(at),
        ]),
      };
    }
    case 3: {
      const at = int(b.length);
      b.fill(0, at, Math.min(b.length, at + 1 + int(64)));
      return { kind: 'zero-range', data: b };
    }
    default: {
      const at = int(b.length);
      b[at] = int(256);
      return { kind: 'set-byte', data: b };
    }
  }
}

describe(`byte-level mutants of a valid workbook (T-X1; ${DIALECT})`, () => {
  let db: TestDb;
  let server: ServerProcess;
  let admin: Client;
  beforeAll(async () => {
    db = await freshDb();
    await prepareDemo(db.url);
    server = await startServer(db.url, { JIANFU_UPLOAD_LIMIT_BYTES: String(2 * 1024 * 1024) });
    admin = await loginAs(server.base, 'demo-sysadmin');
  });
  afterAll(async () => {
    await stopAndSweep(server);
    await killAll();
    await db?.drop();
    cleanupTempDirs();
  });

  it(
    `${MUTANTS} mutants: each refused (400, Chinese) or imported exactly as written; never garbled, never 5xx`,
    async () => {
      const tally = { refused: 0, acceptedExact: 0 };
      const problems: string[] = [];
      for (let i = 0; i < MUTANTS; i++) {
        const m = mutant(i);
        const res = await admin.req('POST', '/api/regions/import-xlsx', undefined, {
          raw: multipart('file', `mutant-${i}.xlsx`, m.data),
          timeoutMs: 60_000,
        });
        if (!server.alive())
          throw new Error(`server died on mutant ${i} (${m.kind}):\n${server.output().slice(-3000)}`);
        if (res.status === 400 && CJK.test(String(res.body?.error?.message))) {
          tally.refused += 1;
          continue;
        }
        if (res.status !== 200) {
          problems.push(`mutant ${i} (${m.kind}): ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          continue;
        }
        // Accepted: the stored row must be exactly the payload, then it is removed for the next mutant.
        const rows = await withDb(db.url, async ({ db: k }) => {
          const found = await k
            .selectFrom('region')
            .select(['code', 'name'])
            .where('code', 'like', '140404001%')
            .where('source', 'like', '表格导入%')
            .execute();
          await k
            .deleteFrom('region')
            .where('code', 'in', found.length ? found.map((r) => r.code) : ['-'])
            .execute();
          return found;
        });
        if (rows.length !== 1 || rows[0].code !== PAYLOAD_CODE || rows[0].name !== PAYLOAD_NAME)
          problems.push(`mutant ${i} (${m.kind}) imported ${JSON.stringify(rows)}`);
        else tally.acceptedExact += 1;
      }
      figure('xlsx mutants', { mutants: MUTANTS, ...tally, problems: problems.length });
      expect(problems).toEqual([]);
      expect(server.alive()).toBe(true);
    },
    budget(500, MUTANTS),
  );
});
