/**
 * Certificate desk rows → API shapes (src/shared/certificates.ts): masked personal data, codes and
 * parameters, never labels; the web names the codes in the reader's language.
 */
import type {
  Certificate,
  CertificateCase,
  CertificateDetail,
  Demand,
  Deliberation,
  SignOff,
} from '../../../shared/certificates.js';
import type { CaseRow, DemandRow } from './certificates.cases.repo.js';
import type { CertificateListRow, CertificateRow } from './certificates.repo.js';

export const verifyPath = (code: string) => `/verify/${code}`;

export function presentRow(r: CertificateListRow): Certificate {
  return {
    id: r.id,
    serial: r.serial,
    year: r.year,
    regionCode: r.regionCode,
    regionName: r.regionName,
    townshipCode: r.townshipCode,
    requestText: r.requestText,
    itemCode: r.itemCode,
    itemName: r.itemName,
    path: r.path,
    catalogVersionId: r.catalogVersionId,
    holderName: r.holderNameMasked,
    idNumber: r.idNumberMasked,
    phone: r.phoneMasked,
    purpose: r.purpose,
    demander: r.demander,
    basis: r.basis,
    signerName: r.signerName,
    status: r.status,
    issuedByName: r.issuedByName,
    issuedAt: r.issuedAt,
    issuedOn: r.issuedOn,
    revokedAt: r.revokedAt,
    revokedByName: r.revokedByName,
    revokeReason: r.revokeReason,
    printCount: r.printCount,
    version: r.version,
  };
}

export function presentDetail(
  c: CertificateRow,
  events: CertificateDetail['events'],
  abilities: CertificateDetail['abilities'],
): CertificateDetail {
  return {
    ...presentRow(c),
    facts: c.facts,
    deliberation: c.deliberationJson ? (JSON.parse(c.deliberationJson) as Deliberation) : null,
    signOff: c.signOffJson ? (JSON.parse(c.signOffJson) as SignOff) : null,
    verificationCode: c.verificationCode,
    verifyPath: verifyPath(c.verificationCode),
    events,
    abilities,
  };
}

export function presentCase(r: CaseRow): CertificateCase {
  const item = r.itemCode
    ? {
        code: r.itemCode,
        name: r.itemName ?? '',
        kind: r.itemKind ?? '',
        catalogId: r.catalogId ?? '',
        catalogTitle: r.catalogTitle ?? '',
        basis: r.itemBasis,
      }
    : null;
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    regionCode: r.regionCode,
    regionName: r.regionName,
    requestText: r.requestText,
    verdict: r.verdict,
    item,
    catalogVersionId: r.catalogVersionId,
    alternative: r.alternativeChannel || r.guidance ? { official: r.alternativeChannel, guidance: r.guidance } : null,
    reason: r.reason,
    holderName: r.holderNameMasked,
    idNumber: r.idNumberMasked,
    phone: r.phoneMasked,
    purpose: r.purpose,
    demander: r.demander,
    promiseText: r.promiseText ? (JSON.parse(r.promiseText) as string[]) : null,
    createdByName: r.createdByName,
    createdAt: r.createdAt,
    createdOn: r.createdOn,
  };
}

export function presentDemand(d: DemandRow): Demand {
  return {
    id: d.id,
    regionCode: d.regionCode,
    regionName: d.regionName,
    demanderName: d.demanderName,
    demanderKind: d.demanderKind,
    certificateName: d.certificateName,
    itemCode: d.itemCode,
    itemName: d.itemName,
    itemKind: d.itemKind,
    delisted: d.itemKind === 'negative_certificate',
    catalogVersionId: d.catalogVersionId,
    demandedOn: d.demandedOn,
    note: d.note,
    caseId: d.caseId,
    recordedByName: d.recordedByName,
    createdAt: d.createdAt,
  };
}
