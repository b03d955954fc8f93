/**
 * Who may do what at the certificate desk: pure rules over the actor and the loaded facts. Lists use
 * the region-scope twin `visibleTo(actor, 'certificates.read')` over the ancestor columns.
 */
import { canAt, grantsWith, type Actor } from '../../core/actor.js';

export interface CertificateFacts {
  regionCode: string;
  status: string;
}

/** The village the actor issues for (the node of their certificates.issue grant at village level). */
export const issuingVillage = (a: Actor) =>
  grantsWith(a, 'certificates.issue').find((g) => g.level === 'village' || g.level === 'community')?.regionCode ?? null;

export const canRead = (a: Actor, c: CertificateFacts) => canAt(a, 'certificates.read', c.regionCode);
/** Printing shows the clear name and ID number: the issuing village only. */
export const canPrint = (a: Actor, c: CertificateFacts) =>
  canAt(a, 'certificates.issue', c.regionCode) && c.status === 'valid';
export const canRevoke = (a: Actor, c: CertificateFacts) =>
  canAt(a, 'certificates.issue', c.regionCode) && c.status === 'valid';
/** Unmasked views: the issuing village only, every one audited. */
export const canUnmask = (a: Actor, c: Pick<CertificateFacts, 'regionCode'>) =>
  canAt(a, 'certificates.unmask', c.regionCode);
/** The district's 告知承诺 item flags. */
export const configCounty = (a: Actor) =>
  grantsWith(a, 'certificates.configure').find((g) => g.level === 'county')?.regionCode ?? null;
