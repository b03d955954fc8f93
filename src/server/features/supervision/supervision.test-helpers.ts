/** Helpers for the supervision tests (not a test file itself). */
import crypto from 'node:crypto';
import { Jimp } from 'jimp';
import type { Agent, TestApp, TestResponse } from '../../../../test/test-app.js';
import { captchaAnswer } from '../accounts/accounts.test-helpers.js';

export const VILLAGE = '140404001200';
export const OTHER_TOWNSHIP = '140404101000';
export const PHOTO_TEXT = '镇里要求每周交20张人居环境照片';

/** A report's fields with a fresh, solved captcha. */
export async function reportFields(t: TestApp, over: Record<string, unknown> = {}) {
  const c = await t.agent().get('/api/auth/captcha');
  return {
    category: 'forms_photos_checkins',
    regionCode: VILLAGE,
    bodyConcerned: '韩店街道办事处',
    description: PHOTO_TEXT,
    happenedOn: null,
    anonymous: false,
    name: '王小明',
    contact: '13912345678',
    captchaId: c.body.id,
    captchaAnswer: await captchaAnswer(t, c.body.id),
    ...over,
  };
}

/** Posts a report as multipart (field `report`, files `photo`) from `ip`. */
export async function postReport(
  t: TestApp,
  fields: unknown,
  photos: { data: Buffer; name: string; type?: string }[] = [],
  ip = '203.0.113.7',
): Promise<TestResponse> {
  const boundary = `----sv${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${JSON.stringify(fields)}\r\n`),
  ];
  for (const p of photos)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${p.name}"\r\nContent-Type: ${p.type ?? 'image/jpeg'}\r\n\r\n`,
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
    remoteAddress: ip,
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers, raw: res.rawPayload };
}

/** A small JPEG with an EXIF-like comment appended after the image data. */
export async function jpeg(width = 64, height = 48) {
  const img = new Jimp({ width, height, color: 0x3366ccff });
  return Buffer.from(await img.getBuffer('image/jpeg'));
}

/** Rows of a table (tests check that nothing was half-written). */
export async function counts(t: TestApp) {
  const n = async (table: 'supervisionCase' | 'supervisionStep' | 'supervisionPhoto' | 'storedFile') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cases: await n('supervisionCase'),
    steps: await n('supervisionStep'),
    photos: await n('supervisionPhoto'),
    files: await n('storedFile'),
  };
}

/** The district's view of a case by tracking code. */
export async function caseByCode(agent: Agent, code: string) {
  const list = await agent.get(`/api/supervision/cases?q=${code}`);
  return list.body.items.find((c: { code: string }) => c.code === code);
}
