import type { Migration } from 'kysely';
import * as foundation from './2026-11-28T0400-foundation.js';
import * as catalogs from './2026-11-28T0500-catalogs.js';
import * as campaigns from './2026-11-28T0600-campaigns.js';
import * as admission from './2026-11-28T0700-admission.js';
import * as certificates from './2026-11-28T0710-certificates.js';
import * as catalogGeneration from './2026-11-29T0100-catalog-generation.js';
import * as notificationParams from './2026-12-07T0900-notification-params.js';
import * as catalogKindStatus from './2026-12-07T1300-catalog-kind-status.js';
import * as security from './2026-12-07T1000-security.js';
import * as supervision from './2026-12-07T2100-supervision.js';
import * as phaseMovedFrom from './2026-12-07T2110-phase-moved-from.js';
import * as openTaskDue from './2026-12-07T2200-open-task-due.js';

/** Every migration, in order. Features append theirs here (named by ISO timestamp). */
export const migrations: Record<string, Migration> = {
  '2026-11-28T0400-foundation': foundation,
  '2026-11-28T0500-catalogs': catalogs,
  '2026-11-28T0600-campaigns': campaigns,
  '2026-11-28T0700-admission': admission,
  '2026-11-28T0710-certificates': certificates,
  '2026-11-29T0100-catalog-generation': catalogGeneration,
  '2026-12-07T0900-notification-params': notificationParams,
  '2026-12-07T1300-catalog-kind-status': catalogKindStatus,
  '2026-12-07T1000-security': security,
  '2026-12-07T2100-supervision': supervision,
  '2026-12-07T2110-phase-moved-from': phaseMovedFrom,
  '2026-12-07T2200-open-task-due': openTaskDue,
};
