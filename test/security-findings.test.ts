// Issue 14: the outside probe's findings outside accounts and the audit chain, each reproduced and now
// refused, on both dialects. H2 keys never a constant; M1 personal numbers in free text; L: http(s)
// URLs only, ciphertexts bound to their row, photos without metadata, 409 with the current record.
// (H1: src/server/core/audit.test.ts; H3, M2–M4 and the session/cookie findings:
// src/server/features/accounts/accounts.security.test.ts; backups: test/reliability/backup.test.ts.)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from './test-app.js';
import { sharedDatabase } from './cli-helpers.js';
import { launchedCampaign, ledgerOf, upload } from './fixtures/ledgers/helpers.js';
import { loadConfig } from '../src/server/config.js';
import { composeDeps } from '../src/server/compose.js';
import { FieldCipher, hmacSm3 } from '../src/server/core/crypto.js';

const FORMER_CONSTANT = 'jianfu-development-secret-not-for-production';
const ID = '140404198503122013';
const PHONE = '13812341234';

let t: TestApp;
let village: Agent;
beforeAll(async () => {
  t = await createTestApp();
  village = await t.as('demo-village');
});
afterAll(() => t.close());

describe('H2: the data key is never a constant', () => {
  it('a first start without JIANFU_SECRET generates a key file (0600); the former public constant opens nothing and is refused', async () => {
    const { url, drop } = await sharedDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-h2-'));
    const keyFile = path.join(dir, 'keys.json');
    try {
      const config = loadConfig({ DATABASE_URL: url, JIANFU_KEY_FILE: keyFile } as NodeJS.ProcessEnv);
      const deps = await composeDeps(config, { logger: pino({ level: 'silent' }) });
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const sealed = deps.cipher.encrypt(ID, { table: 'certificate', column: 'id_number_enc', row: 'r1' });
      await deps.database.close();
      expect(() =>
        new FieldCipher(FORMER_CONSTANT).decrypt(sealed, { table: 'certificate', column: 'id_number_enc', row: 'r1' }),
      ).toThrow();
      expect(() => loadConfig({ DATABASE_URL: url, JIANFU_SECRET: FORMER_CONSTANT } as NodeJS.ProcessEnv)).toThrow(
        /不能是公开的旧默认值/,
      );
      // A changed data key with existing data refuses to start (Chinese, then English).
      await expect(
        composeDeps(
          loadConfig({
            DATABASE_URL: url,
            JIANFU_KEY_FILE: keyFile,
            JIANFU_SECRET: 'another-secret-another-secret-another-secret',
          } as NodeJS.ProcessEnv),
          { logger: pino({ level: 'silent' }) },
        ),
      ).rejects.toThrow(/数据密钥与数据库不符[\s\S]*does not match/);
    } finally {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('M1: ID and phone numbers typed into free text are masked on write', () => {
  it('a certificate’s purpose and facts never show, export or audit a typed number in clear', async () => {
    const issued = await village.post('/api/certificates', {
      q: '入党外调政审证明',
      holder: { name: '张伟', idNumber: ID, phone: PHONE },
      purpose: `发展党员政治审查，联系电话${PHONE}`,
      demander: '中共某某大学委员会组织部',
      facts: `张伟（身份证号${ID}）系本村村民，户籍在本村`,
      signerName: '刘主任',
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.purpose).toBe('发展党员政治审查，联系电话138****1234');
    const detail = await village.get(`/api/certificates/${issued.body.id}`);
    const list = await village.get('/api/certificates?pageSize=200');
    const exported = await village.get('/api/certificates/export');
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .select(['afterJson', 'beforeJson'])
      .where('entityId', '=', issued.body.id)
      .execute();
    for (const text of [JSON.stringify(detail.body), JSON.stringify(list.body), JSON.stringify(audit)]) {
      expect(text).not.toContain(ID);
      expect(text).not.toContain(PHONE);
    }
    expect(JSON.stringify(detail.body)).toContain('1404**********2013');
    expect(exported.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.raw as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? '')))));
    expect(cells.join('|')).not.toContain(ID);
    expect(cells.join('|')).not.toContain(PHONE);
  });

  it('audit payloads of any feature are scrubbed of ID and phone numbers', async () => {
    const sys = await t.as('demo-sysadmin');
    const res = await sys.post('/api/departments', {
      regionCode: '140404000000',
      name: `测试部门${PHONE}`,
      kind: 'government',
    });
    expect(res.status).toBe(200);
    const row = await t.deps.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('entityId', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.afterJson).not.toContain(PHONE);
    expect(row.afterJson).toContain('138****1234');
  });
});

describe('L: ciphertexts are bound to their table, row and column', () => {
  it('a ciphertext copied to another certificate fails its MAC (500 integrity_failed), the original still opens', async () => {
    const issue = (name: string, id: string) =>
      village.post('/api/certificates', {
        q: '入党外调政审证明',
        holder: { name, idNumber: id, phone: null },
        purpose: '发展党员政治审查',
        demander: null,
        facts: '系本村村民',
        signerName: '刘主任',
      });
    const ra = await issue('王建国', '140404197801011114');
    expect(ra.status, JSON.stringify(ra.body)).toBe(200);
    const a = ra.body;
    const b = (await issue('李秀英', '14040419920705302X')).body;
    const rowA = await t.deps.db
      .selectFrom('certificate')
      .select('idNumberEnc')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    await t.deps.db.updateTable('certificate').set({ idNumberEnc: rowA.idNumberEnc }).where('id', '=', b.id).execute();
    const swapped = await village.post(`/api/certificates/${b.id}/unmask`, {
      fields: ['idNumber'],
      reason: '核对身份',
    });
    expect(swapped.status).toBe(500);
    expect(swapped.body.error.code).toBe('integrity_failed');
    const own = await village.post(`/api/certificates/${a.id}/unmask`, { fields: ['idNumber'], reason: '核对身份' });
    expect(own.body.idNumber).toBe('140404197801011114');
  });

  it('a format-1 ciphertext (SM4-CBC, written before the upgrade) still decrypts', () => {
    const c = new FieldCipher('a-legacy-secret-a-legacy-secret-a-legacy');
    // As the previous version wrote it: sm4cbc1:base64(iv || SM4-CBC(plain)) under the v1 key.
    const key = Buffer.from(hmacSm3('a-legacy-secret-a-legacy-secret-a-legacy', 'jianfu-field-encryption-v1'), 'hex');
    const iv = Buffer.alloc(16, 7);
    const enc = crypto.createCipheriv('sm4-cbc', key.subarray(0, 16), iv);
    const ct = Buffer.concat([enc.update(ID, 'utf8'), enc.final()]);
    const token = `sm4cbc1:${Buffer.concat([iv, ct]).toString('base64')}`;
    expect(c.decrypt(token, { table: 'certificate', column: 'id_number_enc', row: 'any' })).toBe(ID);
  });
});

describe('L: catalog source URLs are http(s) only', () => {
  it('refuses javascript: and data: links when a local list is created or an item is proposed', async () => {
    const district = await t.as('demo-district');
    for (const sourceUrl of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://x.example/a']) {
      const res = await district.post('/api/catalogs', {
        kind: 'micro_power',
        title: '上党区小微权力清单（测试）',
        ownerRegion: '140404',
        sourceUrl,
      });
      expect(res.status, sourceUrl).toBe(400);
      const adj = await district.post('/api/catalogs/adjustments', {
        targetRegion: '140404',
        operation: 'add',
        catalogId: 'shanxi-2023-duties-catalog',
        reasonType: 'annual_review',
        basis: '测试依据',
        effectiveDate: '2026-11-28',
        fields: { name: '测试事项', basis: '测试依据', sourceUrl },
      });
      expect(adj.status, sourceUrl).toBe(400);
    }
    const ok = await district.post('/api/catalogs', {
      kind: 'micro_power',
      title: '上党区小微权力清单（测试）',
      ownerRegion: '140404',
      sourceUrl: 'https://www.shangdang.gov.cn/list',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});

describe('L: uploaded photos are re-encoded without their metadata', () => {
  let rowId: string;
  beforeAll(async () => {
    const { id } = await launchedCampaign(t);
    const ledger = await ledgerOf(t, id, '140404001200');
    const row = await village.post(`/api/ledgers/${ledger}/rows`, {
      category: 'sign',
      name: '韩店村禁毒工作站',
      imposedBy: '区禁毒委',
      fields: { position: 'outside' },
    });
    rowId = row.body.row.id;
  });

  it('a JPEG with an EXIF block and a PNG with a text chunk come back as clean images of the same size', async () => {
    const marker = 'GPS 36.18N 113.12E SECRET-CAMERA';
    const jpeg = await new Jimp({ width: 16, height: 12, color: 0x3366ccff }).getBuffer('image/jpeg');
    const exifBody = Buffer.concat([Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0', 'latin1'), Buffer.from(marker)]);
    const app1 = Buffer.concat([
      Buffer.from([0xff, 0xe1, (exifBody.length + 2) >> 8, (exifBody.length + 2) & 0xff]),
      exifBody,
    ]);
    const withExif = Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
    expect(withExif.includes(Buffer.from(marker))).toBe(true);
    const up = await upload(t, village, `/api/ledger-rows/${rowId}/photo`, { data: withExif, filename: 'board.jpg' });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    const got = await village.get(`/api/ledger-rows/${rowId}/photo`);
    expect(got.raw.includes(Buffer.from(marker))).toBe(false);
    expect(got.raw.includes(Buffer.from('Exif'))).toBe(false);
    const img = await Jimp.read(got.raw);
    expect([img.width, img.height]).toEqual([16, 12]);

    const png = await new Jimp({ width: 8, height: 8, color: 0xff0000ff }).getBuffer('image/png');
    const withText = insertPngText(png, 'Comment', marker);
    const up2 = await upload(t, village, `/api/ledger-rows/${rowId}/photo`, { data: withText, filename: 'board.png' });
    expect(up2.status).toBe(200);
    const got2 = await village.get(`/api/ledger-rows/${rowId}/photo`);
    expect(got2.raw.includes(Buffer.from(marker))).toBe(false);
    expect((await Jimp.read(got2.raw)).width).toBe(8);
  });

  it('a file that only starts like an image is refused (415)', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg')]);
    const res = await upload(t, village, `/api/ledger-rows/${rowId}/photo`, { data: fake, filename: 'x.jpg' });
    expect(res.status).toBe(415);
  });
});

describe('L: a 409 carries the current record (details.current)', () => {
  it('ledger rows, admission requests and catalog adjustments', async () => {
    const { id } = await launchedCampaign(t, { name: '409 测试行动' });
    const ledger = await ledgerOf(t, id, '140404001200');
    const row = (
      await village.post(`/api/ledgers/${ledger}/rows`, {
        category: 'sign',
        name: '测试标识牌',
        imposedBy: '区某局',
        fields: { position: 'outside' },
      })
    ).body.row;
    expect(
      (await village.patch(`/api/ledger-rows/${row.id}`, { name: '测试标识牌甲', version: row.version })).status,
    ).toBe(200);
    const stale = await village.patch(`/api/ledger-rows/${row.id}`, { name: '测试标识牌乙', version: row.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.row).toMatchObject({ id: row.id, name: '测试标识牌甲' });

    const dept = await t.as('demo-department');
    const req = await dept.post('/api/admission/requests', {
      content: {
        kind: 'special_task',
        title: '秸秆禁烧网格巡查专项任务（409）',
        description: '秋收期间协助开展秸秆禁烧网格巡查',
        basis: [{ document: '长治市大气污染防治工作方案', article: '第三条', level: 'local' }],
        targets: ['140404000000'],
        startsOn: '2026-12-01',
        endsOn: '2027-03-31',
        funding: { provided: true, amountYuan: 50000, source: '区级财政专项' },
        staffing: { provided: true, people: 2, description: '农业农村局派驻网格员' },
        forms: [{ name: '巡查日志', frequency: 'weekly' }],
      },
    });
    expect(req.status, JSON.stringify(req.body)).toBe(200);
    expect(
      (await dept.post(`/api/admission/requests/${req.body.id}/submit`, { version: req.body.version })).status,
    ).toBe(200);
    const again = await dept.post(`/api/admission/requests/${req.body.id}/submit`, { version: req.body.version });
    expect(again.status).toBe(409);
    expect(again.body.error.details.current).toMatchObject({ id: req.body.id });

    const district = await t.as('demo-district');
    const draft = await district.post('/api/catalogs/adjustments', {
      targetRegion: '140404',
      operation: 'add',
      catalogId: 'shanxi-2023-duties-catalog',
      reasonType: 'annual_review',
      basis: '测试依据',
      effectiveDate: '2026-11-28',
      fields: { name: '测试事项（409）', basis: '测试依据' },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(
      (await district.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, { version: draft.body.version }))
        .status,
    ).toBe(200);
    const late = await district.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
      version: draft.body.version,
    });
    expect(late.status).toBe(409);
    expect(late.body.error.details.current).toMatchObject({ id: draft.body.id, status: 'submitted' });
  });
});

/** Inserts a tEXt chunk after IHDR (with its CRC-32). */
function insertPngText(png: Buffer, key: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(key, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const type = Buffer.from('tEXt', 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), len, type, data, crc, png.subarray(ihdrEnd)]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
