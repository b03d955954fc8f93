/**
 * Table types of the certificate desk, added to DB by module augmentation. `*Enc` columns hold SM4
 * ciphertext (FieldCipher), `*Index` the HMAC-SM3 blind index, `*Masked` the display form; clear
 * personal data is never stored.
 */
import type { RegionAncestors } from '../../core/scope.js';

export interface CertificateTable extends RegionAncestors {
  id: string;
  serial: string;
  year: number;
  seq: number;
  regionCode: string;
  regionName: string;
  requestText: string;
  itemCode: string | null;
  itemName: string;
  catalogId: string | null;
  catalogVersionId: string;
  path: string;
  templateCode: string;
  holderNameEnc: string;
  holderNameIndex: string;
  holderNameMasked: string;
  idNumberEnc: string | null;
  idNumberIndex: string | null;
  idNumberMasked: string | null;
  phoneEnc: string | null;
  phoneIndex: string | null;
  phoneMasked: string | null;
  purpose: string;
  demander: string | null;
  basis: string;
  facts: string;
  signerName: string;
  deliberationJson: string | null;
  signOffJson: string | null;
  verificationCode: string;
  status: string;
  issuedBy: string;
  issuedByName: string;
  issuedAt: string;
  issuedOn: string;
  revokedAt: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
  printCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CertificateCaseTable extends RegionAncestors {
  id: string;
  number: string;
  kind: string;
  regionCode: string;
  regionName: string;
  requestText: string;
  verdict: string;
  itemCode: string | null;
  itemName: string | null;
  itemKind: string | null;
  catalogId: string | null;
  catalogTitle: string | null;
  itemBasis: string | null;
  catalogVersionId: string;
  alternativeChannel: string | null;
  guidance: string | null;
  reason: string;
  holderNameEnc: string | null;
  holderNameMasked: string | null;
  idNumberEnc: string | null;
  idNumberIndex: string | null;
  idNumberMasked: string | null;
  phoneEnc: string | null;
  phoneIndex: string | null;
  phoneMasked: string | null;
  purpose: string | null;
  demander: string | null;
  promiseText: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  createdOn: string;
}

export interface CertificateCounterTable {
  regionCode: string;
  year: number;
  kind: string;
  lastSeq: number;
}

export interface CertificateEventTable {
  id: string;
  certificateId: string;
  at: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  copyNo: number | null;
  note: string | null;
}

export interface CertificateDemandTable extends RegionAncestors {
  id: string;
  regionCode: string;
  regionName: string;
  demanderName: string;
  demanderKey: string;
  demanderKind: string;
  certificateName: string;
  itemCode: string | null;
  itemName: string | null;
  itemKind: string | null;
  catalogVersionId: string;
  demandedOn: string;
  note: string | null;
  caseId: string | null;
  recordedBy: string;
  recordedByName: string;
  createdAt: string;
}

export interface CertificatePromiseItemTable {
  countyCode: string;
  itemCode: string;
  itemName: string;
  enabled: number;
  basis: string;
  updatedByName: string;
  updatedAt: string;
  version: number;
}

declare module '../../db/schema.js' {
  interface DB {
    certificate: CertificateTable;
    certificateCase: CertificateCaseTable;
    certificateCounter: CertificateCounterTable;
    certificateEvent: CertificateEventTable;
    certificateDemand: CertificateDemandTable;
    certificatePromiseItem: CertificatePromiseItemTable;
  }
}
