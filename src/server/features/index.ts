import type { Feature } from './feature.js';
import { healthRoutes } from './health/health.routes.js';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { regionsRoutes } from './regions/regions.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { catalogsRoutes } from './catalogs/catalogs.routes.js';
import { admissionRoutes } from './admission/admission.routes.js';
import { certificatesRoutes } from './certificates/certificates.routes.js';
import { campaignsRoutes } from './campaigns/campaigns.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';

/** Every feature, in registration order. */
export const features: Feature[] = [
  healthRoutes,
  accountsRoutes,
  regionsRoutes,
  auditRoutes,
  catalogsRoutes,
  admissionRoutes,
  certificatesRoutes,
  campaignsRoutes,
  notificationsRoutes,
];
