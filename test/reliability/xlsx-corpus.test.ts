/**
 * T-X1: broken and hostile spreadsheets at volume against a real server process. Each file of the
 * generated corpus (test/reliability/xlsx-corpus.ts) is uploaded to POST /api/regions/import-xlsx as
 * demo-sysadmin; each must be refused with 400/413/415 and a Chinese message, never a 5xx; the server
 * stays up throughout, nothing is written, and its peak RSS (VmHWM) stays under 512 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../src/server/core/xlsx.js';
import { regionColumns } from '../../src/server/features/regions/regions.excel.js';
import { PAYLOAD_CODE, buildCorpus, controlWorkbook, type CorpusCase } from './xlsx-corpus.js';
import {
  CJK,
  DIALECT,
  cleanupTempDirs,
  countRows,
  figure,
  freshDb,
  killAll,
  loginAs,
  memoryOf,
  multipart,
  prepareDemo,
  startServer,
  stopAndSweep,
  tempDir,
  type Client,
  type ServerProcess,
  type TestDb,
} from './harness.js';

const UPLOAD_LIMIT = 6 * 1024 * 1024;

describe(`malformed spreadsheet corpus (T-X1; ${DIALECT})`, () => {
  let db: TestDb;
  let server: ServerProcess;
  let admin: Client;
  let cases: CorpusCase[];
  beforeAll(async () => {
    db = await freshDb();
    await prepareDemo(db.url);
    cases = await buildCorpus(tempDir('jianfu-xlsx-corpus-'));
    server = await startServer(db.url, { JIANFU_UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) });
    admin = await loginAs(server.base, 'demo-sysadmin');
  }, 180_000);
  afterAll(async () => {
    figure("xlsx corpus: temp files left after the server's graceful exit", await stopAndSweep(server));
    await killAll();
    await db?.drop();
    cleanupTempDirs();
  });

  it("the generator's baseline workbook is a valid import (so every refusal is the defect's doing)", async () => {
    const r = await readSheet(controlWorkbook(), regionColumns);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ row: 2, values: { code: PAYLOAD_CODE, name: '测试村委会' } }]);
  });

  it('every broken file is refused with 400/413/415 and a Chinese message; never a 5xx; nothing written; RSS < 512 MB', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const regionsBefore = await countRows(db.url, 'region');
    const auditBefore = await countRows(db.url, 'audit_log', "action = 'regions.import'");
    const oversize = Buffer.alloc(UPLOAD_LIMIT + 512 * 1024, 0x41);
    const uploads = [
      ...cases.map((c) => ({ name: c.name, data: fs.readFileSync(c.file), filename: path.basename(c.file) })),
      { name: 'oversize-upload', data: oversize, filename: 'oversize.xlsx' },
    ];
    const outcomes: { name: string; status: number; message: string }[] = [];
    for (const u of uploads) {
      const res = await admin.req('POST', '/api/regions/import-xlsx', undefined, {
        raw: multipart('file', u.filename, u.data),
        timeoutMs: 60_000,
      });
      outcomes.push({
        name: u.name,
        status: res.status,
        message: String(res.body?.error?.message ?? JSON.stringify(res.body)).slice(0, 120),
      });
      expect(server.alive(), `server died on ${u.name}:\n${server.output().slice(-3000)}`).toBe(true);
    }
    // Plain misuse of the endpoint.
    const json = await admin.req('POST', '/api/regions/import-xlsx', { code: PAYLOAD_CODE });
    outcomes.push({ name: 'json-body', status: json.status, message: json.body.error.message });
    const noFile = await admin.req('POST', '/api/regions/import-xlsx', undefined, {
      raw: {
        data: Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--b--\r\n'),
        contentType: 'multipart/form-data; boundary=b',
      },
    });
    outcomes.push({ name: 'multipart-without-file', status: noFile.status, message: noFile.body.error.message });

    const mem = memoryOf(server.pid);
    const tmpLeft = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${server.pid}-`));
    const tmpBytes = tmpLeft.reduce((n, f) => n + fs.statSync(path.join(os.tmpdir(), f)).size, 0);
    // Known issue (reported): exceljs keeps a deferred worksheet's temp copy (and its open fd) when the reader stops early.
    const tmpFds = (() => {
      try {
        return fs.readdirSync(`/proc/${server.pid}/fd`).filter((fd) => {
          try {
            return fs.readlinkSync(`/proc/${server.pid}/fd/${fd}`).includes(`${os.tmpdir()}/tmp-`);
          } catch {
            return false;
          }
        }).length;
      } catch {
        return -1;
      }
    })();
    figure('xlsx corpus', {
      files: cases.length,
      uploads: outcomes.length,
      byStatus: outcomes.reduce<Record<number, number>>((m, o) => ({ ...m, [o.status]: (m[o.status] ?? 0) + 1 }), {}),
      peakRssMb: Math.round(mem?.peakMb ?? -1),
      tempFilesLeft: tmpLeft.length,
      tempBytesLeft: tmpBytes,
      openTempFds: tmpFds,
    });
    if (process.env.JIANFU_RELIABILITY_VERBOSE)
      for (const o of outcomes) figure(`  ${o.name}`, `${o.status} ${o.message}`);

    const wrong = outcomes.filter((o) => ![400, 413, 415].includes(o.status) || !CJK.test(o.message));
    expect(wrong, 'refused with 400/413/415 and a Chinese message').toEqual([]);
    expect(outcomes.find((o) => o.name === 'oversize-upload')?.status).toBe(413);
    expect(server.alive()).toBe(true);
    expect(await countRows(db.url, 'region')).toBe(regionsBefore);
    expect(await countRows(db.url, 'audit_log', "action = 'regions.import'")).toBe(auditBefore);
    expect(mem).not.toBeNull();
    expect(mem!.peakMb).toBeLessThan(512);
    // Still serving normally.
    expect((await admin.req('GET', '/api/regions/roots')).status).toBe(200);
  }, 300_000);
});
