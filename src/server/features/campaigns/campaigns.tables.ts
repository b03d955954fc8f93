/**
 * Table types of the campaigns feature (migration 2026-11-28T0600-campaigns), added to the DB
 * interface by module augmentation. JSON columns hold text; booleans are 0/1.
 */
export interface CampaignTable {
  id: string;
  name: string;
  regionCode: string;
  regionLevel: string;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  year: number;
  status: string;
  previousCampaignId: string | null;
  settings: string;
  launchJobId: string | null;
  launchedAt: string | null;
  ledgerCount: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CampaignPhaseTable {
  id: string;
  campaignId: string;
  key: string;
  name: string;
  clause: string;
  categories: string;
  deadline: string;
  sort: number;
  /** The date the phase had before the launch moved it (null: never moved). */
  movedFrom: string | null;
}

/** Per-ledger counters of its rows, e.g. nSignTotal, nWorkAffairRemovedDone (see campaigns.model.ts COUNTER_KINDS). */
export type CounterCategory = 'Sign' | 'Mechanism' | 'WorkAffair' | 'Certificate';
export type CounterKind =
  'Total' | 'Keep' | 'Cancel' | 'Merge' | 'Rectify' | 'RemovedDone' | 'TasksOpen' | 'TasksClosed';
export type LedgerCounters = Record<`n${CounterCategory}${CounterKind}`, number>;

export interface LedgerTable extends LedgerCounters {
  id: string;
  campaignId: string;
  villageCode: string;
  villageName: string;
  villageKind: string;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  status: string;
  approvalStale: number;
  returnNote: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  approvedAt: string | null;
  previousLedgerId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface LedgerEventTable {
  id: string;
  ledgerId: string;
  action: string;
  note: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface LedgerRowTable {
  id: string;
  campaignId: string;
  ledgerId: string;
  category: string;
  seq: number;
  name: string;
  imposedBy: string;
  basis: string;
  fields: string;
  naturalKey: string;
  fieldsHash: string;
  suggestedVerdict: string;
  suggestionClause: string;
  suggestionReason: string;
  suggestionItemCode: string | null;
  suggestionItemName: string | null;
  matchKind: string | null;
  flags: string;
  catalogVersion: string | null;
  judgedAt: string;
  verdict: string | null;
  decision: string | null;
  overrideReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  workflowStatus: string;
  cleanupStatus: string;
  prevRowId: string | null;
  prevVerdict: string | null;
  prevFieldsHash: string | null;
  changeKind: string | null;
  source: string;
  photoFileId: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CleanupTaskTable {
  id: string;
  campaignId: string;
  ledgerId: string;
  rowId: string;
  category: string;
  phaseKey: string;
  title: string;
  verdict: string;
  clause: string;
  ownerKind: string;
  ownerDepartmentId: string | null;
  ownerName: string;
  deadline: string;
  status: string;
  closureNote: string | null;
  closedAt: string | null;
  closedBy: string | null;
  evidenceCount: number;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Open clean-up tasks per ledger × category × deadline (kept with every task write; summed by roll-ups). */
export interface OpenTaskDueTable {
  ledgerId: string;
  category: string;
  deadline: string;
  campaignId: string;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  n: number;
}

export interface TaskEvidenceTable {
  id: string;
  taskId: string;
  revision: number;
  fileId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  note: string | null;
  uploadedBy: string | null;
  uploadedByName: string | null;
  uploadedAt: string;
}

export interface SignGuideSettingTable {
  regionCode: string;
  allowedBoards: string;
  insideBoards: string;
  maxVillage: number;
  maxCommunity: number;
  note: string;
  updatedBy: string | null;
  updatedAt: string;
  version: number;
}

declare module '../../db/schema.js' {
  interface DB {
    campaign: CampaignTable;
    campaignPhase: CampaignPhaseTable;
    ledger: LedgerTable;
    ledgerEvent: LedgerEventTable;
    ledgerRow: LedgerRowTable;
    cleanupTask: CleanupTaskTable;
    openTaskDue: OpenTaskDueTable;
    taskEvidence: TaskEvidenceTable;
    signGuideSetting: SignGuideSettingTable;
  }
}
