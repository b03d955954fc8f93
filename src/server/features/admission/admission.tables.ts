/**
 * Table types of the admission gate, added to DB by module augmentation (schema.ts stays the
 * foundation's). Columns are snake_case in the database; CamelCasePlugin maps them.
 */
import type { RegionAncestors } from '../../core/scope.js';

export interface AdmissionRequestTable extends RegionAncestors {
  id: string;
  number: string;
  kind: string;
  title: string;
  departmentId: string | null;
  departmentName: string;
  filedBy: string;
  filedByName: string;
  regionCode: string;
  contentJson: string;
  contentHash: string;
  revision: number;
  startsOn: string | null;
  endsOn: string | null;
  status: string;
  precheckJson: string | null;
  precheckOutcome: string | null;
  catalogVersionId: string | null;
  needsGovernment: number;
  currentStep: string | null;
  decision: string | null;
  decisionReason: string | null;
  conditions: string | null;
  decidedAt: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedByBody: string | null;
  approvedRevision: number | null;
  approvedHash: string | null;
  effectiveFrom: string | null;
  expiresOn: string | null;
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawReason: string | null;
  adjustmentId: string | null;
  adjustmentNote: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface AdmissionTargetTable extends RegionAncestors {
  id: string;
  requestId: string;
  regionCode: string;
  regionName: string;
  level: string;
}

export interface AdmissionRevisionTable {
  id: string;
  requestId: string;
  revision: number;
  contentJson: string;
  contentHash: string;
  submittedAt: string;
  submittedBy: string;
  submittedByName: string;
}

export interface AdmissionStepTable {
  id: string;
  requestId: string;
  revision: number;
  seq: number;
  step: string;
  regionCode: string;
  body: string;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  workingDays: number;
  openedAt: string | null;
  openedOn: string | null;
  dueOn: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  action: string | null;
  comment: string | null;
  conditions: string | null;
  reason: string | null;
}

export interface AdmissionEventTable {
  id: string;
  requestId: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  revision: number;
  step: string | null;
  note: string | null;
}

export interface AdmissionFlagTable extends RegionAncestors {
  id: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string;
  taskTitle: string;
  description: string | null;
  channel: string;
  receivedOn: string;
  requestId: string | null;
  status: string;
  flaggedBy: string;
  flaggedByName: string;
  createdAt: string;
  version: number;
}

export interface AdmissionSettingTable {
  countyCode: string;
  chainJson: string;
  calendarJson: string;
  updatedAt: string;
  updatedBy: string | null;
  version: number;
}

export interface AdmissionCounterTable {
  scope: string;
  year: number;
  lastSeq: number;
}

export interface AdmissionReminderTable {
  id: string;
  requestId: string;
  kind: string;
  expiresOn: string;
  createdAt: string;
}

declare module '../../db/schema.js' {
  interface DB {
    admissionRequest: AdmissionRequestTable;
    admissionTarget: AdmissionTargetTable;
    admissionRevision: AdmissionRevisionTable;
    admissionStep: AdmissionStepTable;
    admissionEvent: AdmissionEventTable;
    admissionFlag: AdmissionFlagTable;
    admissionSetting: AdmissionSettingTable;
    admissionCounter: AdmissionCounterTable;
    admissionReminder: AdmissionReminderTable;
  }
}
