import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.js';

/** A feature registers its routes (and jobs) on a scoped app. */
export type Feature = (app: FastifyInstance, deps: Deps) => Promise<void> | void;

/** The app with zod typing for route schemas. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
