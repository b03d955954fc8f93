/** The supervision feature's tables (migration 2026-12-07T2100-supervision). */
export interface SupervisionCaseTable {
  id: string;
  code: string;
  source: string;
  flagId: string | null;
  category: string;
  regionCode: string;
  regionName: string;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  bodyConcerned: string;
  descriptionEnc: string;
  happenedOn: string | null;
  anonymous: number;
  reporterNameEnc: string | null;
  reporterNameMasked: string | null;
  contactEnc: string | null;
  contactMasked: string | null;
  /** Keyed hash of the reporter's address (the per-address limit); never the address itself. */
  addressHash: string | null;
  status: string;
  assigneeKind: string | null;
  /** A township's region code, or a department's id. */
  assigneeId: string | null;
  assigneeName: string | null;
  dueOn: string | null;
  findingNote: string | null;
  correction: string | null;
  answersJson: string;
  answeredOn: string | null;
  rating: string | null;
  reopenCount: number;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SupervisionStepTable {
  id: string;
  caseId: string;
  seq: number;
  kind: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
  paramsJson: string;
}

export interface SupervisionPhotoTable {
  caseId: string;
  fileId: string;
  seq: number;
}

declare module '../../db/schema.js' {
  interface DB {
    supervisionCase: SupervisionCaseTable;
    supervisionStep: SupervisionStepTable;
    supervisionPhoto: SupervisionPhotoTable;
  }
}
