import type { Feature } from './feature.js';
import { healthRoutes } from './health/health.routes.js';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { regionsRoutes } from './regions/regions.routes.js';
import { auditRoutes } from './audit/audit.routes.js';

/** Every feature, in registration order. */
export const features: Feature[] = [healthRoutes, accountsRoutes, regionsRoutes, auditRoutes];
