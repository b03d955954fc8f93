import { z } from '../../../shared/zod.js';
import {
  certificateCheckQuery,
  certificateCheckSchema,
  publicCatalogsQuery,
  publicCatalogsSchema,
} from '../../../shared/catalogs.js';
import type { Routes } from '../feature.js';
import { isPublic, route, typed } from '../../http/route.js';
import { today } from './catalogs.effective.js';
import { publicAnswer, publicCatalogs, publicCertificateCheck } from './catalogs.public.js';

const tags = ['公开'];
const JSON_TYPE = 'application/json; charset=utf-8';
/** What the route's serializer would send (the schema's encoding, then JSON), ready to be memoised. */
const json = <S extends z.ZodType>(schema: S, data: z.output<S>) => Buffer.from(JSON.stringify(z.encode(schema, data)));

/** The public window (no login, rate-limited per client address): answers memoised per catalog generation. */
export const publicCatalogRoutes: Routes = (app, deps) => {
  const r = typed(app);
  const limit = deps.config.publicRateLimit;
  const limited = <O extends { config: object }>(options: O) => ({
    ...options,
    config: { ...options.config, ...(limit > 0 ? { rateLimit: { max: limit, timeWindow: 60_000 } } : {}) },
  });

  r.get(
    '/api/public/certificate-check',
    limited(
      route(
        isPublic,
        tags,
        '“村里能不能开这个证明？”按本村现行（已公开）证明清单判断：positive / negative（附替代渠道）/ unlisted',
        { querystring: certificateCheckQuery, response: { 200: certificateCheckSchema } },
      ),
    ),
    async (req, reply) => {
      const key = `check|${req.query.region}|${today(deps)}|${req.query.q}`;
      const body = await publicAnswer(deps, key, async () =>
        json(certificateCheckSchema, await publicCertificateCheck(deps, req.query)),
      );
      return reply.type(JSON_TYPE).send(body as never); // already encoded by the schema
    },
  );
  r.get(
    '/api/public/catalogs',
    limited(
      route(isPublic, tags, '本村（社区）现行目录（已公开），按类型分组，含生效日期、来源和完整性', {
        querystring: publicCatalogsQuery,
        response: { 200: publicCatalogsSchema },
      }),
    ),
    async (req, reply) => {
      const key = `catalogs|${req.query.region}|${today(deps)}`;
      const body = await publicAnswer(deps, key, async () =>
        json(publicCatalogsSchema, await publicCatalogs(deps, req.query)),
      );
      return reply.type(JSON_TYPE).send(body as never); // already encoded by the schema
    },
  );
};
