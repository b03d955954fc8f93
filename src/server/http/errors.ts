import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, defaultKey, STATUS } from '../core/errors.js';
import { zh } from '../../shared/i18n.js';
import { IntegrityError } from '../core/crypto.js';
import type { ErrorCode } from '../../shared/errors.js';

const WHERE: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

/** The only error handler: every failure becomes `{ error: { code, message, details } }` in Chinese. */
export function registerErrorHandler(app: FastifyInstance, opts: { spaIndexHtml?: () => string | null } = {}) {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, req, reply) => {
    const send = (code: ErrorCode, message: string, details?: unknown, key?: string | null, params?: unknown) =>
      reply.status(STATUS[code]).send({
        error: {
          code,
          message,
          ...(key ? { key, ...(params ? { params } : {}) } : {}),
          ...(details !== undefined ? { details } : {}),
        },
      });

    if (err instanceof AppError) {
      req.log.info({ code: err.code }, err.message);
      const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) reply.header('retry-after', String(retry));
      // A 409 carries the record as it is now, so the UI can show what changed (issue 14).
      const current = err.code === 'conflict' && err.details === undefined ? req.routeOptions.config?.current : null;
      if (current)
        return current(req).then(
          (record) => send(err.code, err.message, { current: record }, err.key, err.params),
          () => send(err.code, err.message, undefined, err.key, err.params),
        );
      return send(err.code, err.message, err.details, err.key, err.params);
    }
    if (err instanceof IntegrityError) {
      req.log.error({ err }, 'integrity check failed');
      return send(
        'integrity_failed',
        zh(defaultKey('integrity_failed')),
        { requestId: String(req.id) },
        defaultKey('integrity_failed'),
      );
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = WHERE[err.validationContext ?? 'body'] ?? '请求';
      const issues = err.validation.map((v) => ({
        field:
          v.instancePath.replace(/^\//, '').replace(/\//g, '.') ||
          (v.params as { keys?: string[] })?.keys?.join(',') ||
          '',
        message: v.message ?? '',
      }));
      const first = issues[0];
      const message = `${where}不符合要求：${first.field ? `字段“${first.field}”` : ''}${first.message}`;
      return send('validation_failed', message, { issues });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413)
      return send('payload_too_large', '提交的内容过大，超过了允许的大小');
    if (
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ||
      err.statusCode === 415 ||
      err.statusCode === 406
    )
      return send('unsupported_media_type', '不支持的内容类型，请以 JSON 提交');
    if (err.statusCode === 429)
      return send('rate_limited', zh(defaultKey('rate_limited')), undefined, defaultKey('rate_limited'));
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return send('validation_failed', '请求体为空，应为 JSON 对象');
    if (err.statusCode === 400) return send('validation_failed', '请求格式错误：请求体不是有效的 JSON');
    req.log.error({ err }, 'unhandled error');
    return send('internal', zh(defaultKey('internal')), { requestId: String(req.id) }, defaultKey('internal'));
  });
  // The one not-found handler (Fastify allows one per prefix): GETs outside /api fall back to the web
  // app's index.html when it is built; everything else is a Chinese 404.
  app.setNotFoundHandler((req, reply) => {
    const indexHtml = req.method === 'GET' && !req.url.startsWith('/api/') ? opts.spaIndexHtml?.() : null;
    if (indexHtml) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
}
