import crypto from 'node:crypto';
import type { Agent, TestApp, TestResponse } from './test-app.js';
import { XLSX_TYPE } from '../src/server/core/spreadsheets.js';

/** A multipart/form-data body with one file part. */
export function multipartBody(file: Buffer, filename: string, opts: { field?: string; contentType?: string } = {}) {
  const boundary = `----jianfu${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${filename.replace(/["\r\n]/g, '_')}"\r\n` +
      `Content-Type: ${opts.contentType ?? XLSX_TYPE}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file as the agent (its cookie and CSRF token), the way the web app's upload control does. */
export async function upload(
  t: TestApp,
  agent: Agent,
  url: string,
  file: Buffer,
  filename = '区划.xlsx',
  opts: { field?: string; contentType?: string } = {},
): Promise<TestResponse> {
  const body = multipartBody(file, filename, opts);
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: {
      ...(agent.cookie ? { cookie: agent.cookie } : {}),
      ...(agent.csrf ? { 'x-csrf-token': agent.csrf } : {}),
      'content-type': body.contentType,
    },
    payload: body.payload,
  });
  const type = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode,
    body: type.includes('json') ? res.json() : res.body,
    headers: res.headers,
    raw: res.rawPayload,
  };
}
