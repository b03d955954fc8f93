import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import '../shared/zod.js';
import type { Deps } from './deps.js';
import { registerErrorHandler } from './http/errors.js';
import { collectRoutes, enforcePolicyAudited } from './http/policy.js';
import { registerSessionHook, sessionCookieName } from './http/session.js';
import { features } from './features/index.js';
import { jobsRoutes } from './http/jobs.routes.js';

import { VERSION } from './version.js';
import { fromRoot } from './paths.js';
export { VERSION };
const WEB_ROOT = fromRoot('dist', 'web');

/** Builds the HTTP app with every feature's routes (and the core jobs route). Never listens (main.ts does). */
export async function buildApp(deps: Deps, opts: { logLevel?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? deps.config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    bodyLimit: deps.config.http.bodyLimit,
    trustProxy: deps.config.http.trustProxy,
    // Request ids are made here, never taken from the client (they are written into audit rows).
    genReqId: () => crypto.randomUUID(),
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  collectRoutes(app);
  const indexFile = path.join(WEB_ROOT, 'index.html');
  const spaIndexHtml = fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : null;
  registerErrorHandler(app, { spaIndexHtml: () => spaIndexHtml });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.config.cookieSecure ? undefined : false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试` },
    }),
  });
  await app.register(multipart, { limits: { fileSize: deps.config.http.uploadLimit, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '减负通 API',
        description: '村级组织减负平台接口（会话 Cookie 认证，写操作需 X-CSRF-Token 头）',
        version: VERSION,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(deps) } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' }, staticCSP: true });

  registerSessionHook(app, deps);
  app.addHook('preParsing', enforcePolicyAudited(deps)); // before the body is read: anonymous callers get 401, not 400/413

  app.get(
    '/api/openapi.json',
    { config: { policy: { access: 'public' } }, schema: { tags: ['系统'], summary: 'OpenAPI 3 接口描述（即本文档）' } },
    async () => app.swagger(),
  );

  await app.register(async (scope) => jobsRoutes(scope, deps));
  for (const { routes } of features) if (routes) await app.register(async (scope) => routes(scope, deps));

  if (spaIndexHtml)
    await app.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
  return app;
}
