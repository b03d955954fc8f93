import type { Feature } from './feature.js';
import type { Deps } from '../deps.js';
import { healthRoutes } from './health/health.routes.js';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { regionsRoutes } from './regions/regions.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { catalogsRoutes } from './catalogs/catalogs.routes.js';
import { catalogStatusRoutes } from './catalogs/catalogs.status.routes.js';
import { catalogsJobs } from './catalogs/catalogs.jobs.js';
import { COMPLETENESS_TODO_JOB } from './catalogs/catalogs.todo.js';
import { seedCatalogs } from './catalogs/catalogs.seed.js';
import { seedCatalogDemo } from './catalogs/catalogs.demo.js';
import { admissionRoutes } from './admission/admission.routes.js';
import { admissionJobs, EXPIRY_JOB } from './admission/admission.jobs.js';
import { seedAdmissionDemo } from './admission/admission.demo.js';
import { certificatesRoutes } from './certificates/certificates.routes.js';
import { campaignsRoutes } from './campaigns/campaigns.routes.js';
import { campaignsJobs } from './campaigns/campaigns.jobs.js';
import { REMINDER_JOB } from './campaigns/reminders.service.js';
import { seedCampaignDemo } from './campaigns/campaigns.demo.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { subscribeNotifications } from './notifications/notifications.subscribers.js';
import { supervisionRoutes } from './supervision/supervision.routes.js';
import { workbenchRoutes } from './workbench/workbench.routes.js';

const HOUR = 3600_000;

/** Every feature, in registration order: routes, jobs, schedules, event subscribers, seed data. */
export const features: Feature[] = [
  { name: 'health', routes: healthRoutes },
  { name: 'accounts', routes: accountsRoutes },
  { name: 'regions', routes: regionsRoutes },
  { name: 'audit', routes: auditRoutes },
  {
    name: 'catalogs',
    routes: (app, deps) => (catalogsRoutes(app, deps), catalogStatusRoutes(app, deps)),
    jobs: catalogsJobs,
    schedules: [{ job: COMPLETENESS_TODO_JOB, everyMs: 6 * HOUR }],
    seed: seedCatalogs,
    demo: seedCatalogDemo,
  },
  {
    name: 'admission',
    routes: admissionRoutes,
    jobs: admissionJobs,
    schedules: [{ job: EXPIRY_JOB, everyMs: 6 * HOUR }],
    demo: seedAdmissionDemo,
  },
  { name: 'certificates', routes: certificatesRoutes },
  {
    name: 'campaigns',
    routes: campaignsRoutes,
    jobs: campaignsJobs,
    schedules: [{ job: REMINDER_JOB, everyMs: HOUR }],
    demo: seedCampaignDemo,
  },
  { name: 'notifications', routes: notificationsRoutes, subscribe: subscribeNotifications },
  { name: 'supervision', routes: supervisionRoutes },
  { name: 'workbench', routes: workbenchRoutes },
];

/** Registers every feature's jobs, schedules and event subscribers on the deps (the composition root calls it once). */
export function registerFeatures(deps: Deps) {
  for (const f of features) {
    for (const job of f.jobs?.(deps) ?? []) deps.jobs.register(job);
    for (const s of f.schedules ?? []) deps.jobs.scheduleEvery(s.job, s.everyMs);
    f.subscribe?.(deps);
  }
}

/** Seeds every feature's reference data (idempotent; main.ts runs it under the start-up lock). */
export async function seedFeatures(deps: Deps) {
  for (const f of features) await f.seed?.(deps);
}

/** Every feature's demo data, once the demo district and accounts exist (idempotent). */
export async function seedDemo(deps: Deps) {
  for (const f of features) await f.demo?.(deps);
}
