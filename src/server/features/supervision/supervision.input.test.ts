// Bad input on the public report (issue 11): each refusal is a clear Chinese message with a stable code,
// and nothing is half-written.
import { describe, expect, it } from 'vitest';
import { supervisionTest } from './supervision.test-helpers-setup.js';
import { counts, jpeg, postReport, reportFields } from './supervision.test-helpers.js';

const s = supervisionTest();

async function refused(fields: Promise<unknown> | unknown, photos: Parameters<typeof postReport>[2] = [], ip?: string) {
  const before = await counts(s.t);
  const res = await postReport(s.t, await fields, photos, ip);
  expect(await counts(s.t)).toEqual(before);
  return res;
}

describe('the public report refuses bad input and writes nothing', () => {
  it('5,000 characters of text → 400 with the limit and the length in Chinese', async () => {
    const res = await refused(reportFields(s.t, { description: '交'.repeat(5000) }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toBe('“发生了什么”最多 2000 字，现在是 5000 字，请精简后再提交');
  });

  it('a wrong captcha → 401 captcha_required', async () => {
    const res = await refused(reportFields(s.t, { captchaAnswer: 'zzzz' }));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: 'captcha_required',
      message: '图形验证码错误或已过期，请换一张重新输入',
    });
  });

  it('a text file named .jpg → 415, an oversized photo → 413', async () => {
    const fake = await refused(reportFields(s.t), [{ data: Buffer.from('not an image at all'), name: '现场.jpg' }]);
    expect(fake.status).toBe(415);
    expect(fake.body.error.message).toContain('PNG 或 JPEG');
    const big = Buffer.concat([await jpeg(), Buffer.alloc(6 * 1024 * 1024)]);
    const large = await refused(reportFields(s.t), [{ data: big, name: '大.jpg' }]);
    expect(large.status).toBe(413);
    expect(large.body.error).toMatchObject({ code: 'payload_too_large', message: '照片超过 5 MB，请压缩后再上传' });
  });

  it('four photos, a village that does not exist, a named report without a name → 400', async () => {
    const p = { data: await jpeg(), name: 'a.jpg' };
    expect((await refused(reportFields(s.t), [p, p, p, p])).body.error.message).toBe('照片最多 3 张');
    expect((await refused(reportFields(s.t, { regionCode: '140404001999' }))).body.error.message).toBe(
      '请从列表中选择所在的村（社区）',
    );
    expect((await refused(reportFields(s.t, { name: null }))).body.error.code).toBe('validation_failed');
  });

  it('stores a real photo re-encoded (the bytes appended after the image are gone)', async () => {
    const tail = Buffer.from('GPS 36.1 113.1 secret-trailer');
    const res = await postReport(
      s.t,
      await reportFields(s.t),
      [{ data: Buffer.concat([await jpeg(), tail]), name: 'x.jpg' }],
      '198.51.100.2',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = (await s.district.get(`/api/supervision/cases?q=${res.body.code}`)).body.items[0];
    const d = await s.district.get(`/api/supervision/cases/${c.id}`);
    expect(d.body.photos).toHaveLength(1);
    const img = await s.district.get(`/api/supervision/cases/${c.id}/photos/${d.body.photos[0]}`);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.raw.includes(tail)).toBe(false);
  });

  it('50 reports a minute from one address: the first 5 pass, the rest get 429 with a Chinese message', async () => {
    const statuses: number[] = [];
    let last: { code: string; message: string } | null = null;
    const before = await counts(s.t);
    for (let i = 0; i < 50; i += 1) {
      const res = await postReport(s.t, await reportFields(s.t), [], '192.0.2.50');
      statuses.push(res.status);
      if (res.status !== 200) last = res.body.error;
    }
    expect(statuses.filter((x) => x === 200)).toHaveLength(5);
    expect(statuses.filter((x) => x === 429)).toHaveLength(45);
    expect(last).toMatchObject({ code: 'rate_limited' });
    expect(last!.message).toMatch(/^同一网络地址提交过于频繁，请 10 分钟后再试/);
    expect((await counts(s.t)).cases).toBe(before.cases + 5);
    // Another address is not held back.
    expect((await postReport(s.t, await reportFields(s.t), [], '192.0.2.51')).status).toBe(200);
  });
});
