/**
 * Admission rows → API shapes (src/shared/admission.ts): codes and parameters, never labels; the web
 * names the codes in the reader's language.
 */
import { shanghaiDate } from '../../core/clock.js';
import type {
  Decision,
  EffectState,
  Flag,
  PublicDecision,
  RequestContent,
  RequestDetail,
  RequestEvent,
  RequestSummary,
  SeenContent,
} from '../../../shared/admission.js';
import { basisLines } from './admission.common.js';
import type { FlagRow } from './admission.flags.repo.js';
import type { AdmissionRequest, Target } from './admission.repo.js';
import type { Step } from './admission.steps.repo.js';

export function effectState(
  r: Pick<AdmissionRequest, 'status' | 'effectiveFrom' | 'expiresOn' | 'approvedRevision'>,
  day: string,
): EffectState {
  if (r.approvedRevision === null || !r.effectiveFrom || !r.expiresOn) return 'none';
  if (r.status === 'expired' || (r.status === 'approved' && r.expiresOn < day)) return 'expired';
  if (r.status !== 'approved') return 'none';
  return r.effectiveFrom > day ? 'scheduled' : 'in_effect';
}

export function presentSummary(
  r: AdmissionRequest,
  targets: { regionName: string }[],
  open: Step | undefined,
  day: string,
): RequestSummary {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    title: r.title,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    status: r.status,
    effectState: effectState(r, day),
    precheckOutcome: r.precheckOutcome,
    needsGovernment: r.needsGovernment,
    currentStep: r.currentStep,
    currentStepDueOn: open?.dueOn ?? null,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    effectiveFrom: r.effectiveFrom,
    expiresOn: r.expiresOn,
    decidedOn: r.decidedOn,
    submittedAt: r.submittedAt,
    revision: r.revision,
    version: r.version,
    targetCount: targets.length,
    targetNames: targets.slice(0, 5).map((t) => t.regionName),
    updatedAt: r.updatedAt,
  };
}

/** Field permissions for readers outside the chain: what, why, for whom and how long; not the internals. */
export function publicContent(c: RequestContent): SeenContent {
  return {
    kind: c.kind,
    title: c.title,
    description: c.description,
    basis: c.basis,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    forms: c.forms,
    funding: { provided: c.funding.provided },
    staffing: { provided: c.staffing.provided },
  };
}

export interface DetailParts {
  targets: Target[];
  steps: Step[];
  events: RequestEvent[];
  revisions: RequestDetail['revisions'];
  /** The reader sees the whole content (the filing department, reviewers) or its public part. */
  wholeContent: boolean;
  abilities: RequestDetail['abilities'];
  day: string;
}

export function presentDetail(r: AdmissionRequest, p: DetailParts): RequestDetail {
  const open = p.steps.find((s) => s.status === 'open');
  return {
    ...presentSummary(r, p.targets, open, p.day),
    content: p.wholeContent ? r.content : publicContent(r.content),
    contentHash: r.contentHash,
    filedByName: r.filedByName,
    precheck: r.precheck,
    catalogVersionId: r.catalogVersionId,
    decision: r.decision,
    decisionReason: r.decisionReason,
    conditions: r.conditions,
    decidedByName: r.decidedByName,
    decidedByBody: r.decidedByBody,
    approvedRevision: r.approvedRevision,
    approvedHash: r.approvedHash,
    withdrawnAt: r.withdrawnAt,
    withdrawReason: r.withdrawReason,
    withdrawnByName: r.withdrawnByName,
    adjustmentId: r.adjustmentId,
    adjustmentNote: r.adjustmentNote,
    targets: p.targets,
    steps: p.steps.map((s) => ({
      id: s.id,
      revision: s.revision,
      seq: s.seq,
      step: s.step,
      regionCode: s.regionCode,
      body: s.body,
      status: s.status,
      assigneeId: s.assigneeId,
      assigneeName: s.assigneeName,
      workingDays: s.workingDays,
      openedOn: s.openedOn,
      dueOn: s.dueOn,
      overdue: s.status === 'open' && s.dueOn !== null && s.dueOn < p.day,
      decidedAt: s.decidedAt,
      decidedByName: s.decidedByName,
      action: s.action,
      comment: s.comment,
      conditions: s.conditions,
      reason: s.reason,
    })),
    events: p.events.map((e) => ({
      at: e.at,
      actorName: e.actorName,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      revision: e.revision,
      step: e.step,
      note: e.note,
    })),
    revisions: p.revisions,
    abilities: p.abilities,
  };
}

/** The decision as the public portal shows it: what was admitted, refused or withdrawn, by whom and until when. */
export function presentPublicDecision(r: AdmissionRequest, scope: Target[], day: string): PublicDecision {
  const decision: Decision = r.status === 'refused' ? 'refused' : r.status === 'rejected' ? 'rejected' : 'approved';
  return {
    number: r.number,
    title: r.title,
    kind: r.kind,
    departmentName: r.departmentName,
    decision,
    status: r.status,
    effectState: effectState(r, day),
    decidedOn: r.decidedOn,
    decidedByBody: r.decidedByBody,
    reason: decision === 'approved' ? null : r.decisionReason,
    precheckReasons:
      decision === 'refused'
        ? (r.precheck?.findings.filter((f) => f.outcome === 'refused').map((f) => f.message) ?? [])
        : [],
    conditions: r.conditions,
    basis: basisLines(r.content),
    scope: scope.map((t) => t.regionName),
    effectiveFrom: r.effectiveFrom,
    expiresOn: r.expiresOn,
    withdrawnOn: r.withdrawnAt ? shanghaiDate(new Date(r.withdrawnAt)) : null,
    withdrawReason: r.withdrawReason,
  };
}

/** A flag; `hideFlagger`: the accused department sees what and where, not which cadre flagged it. */
export const presentFlag = (f: FlagRow, hideFlagger = false): Flag => ({
  id: f.id,
  regionCode: f.regionCode,
  regionName: f.regionName,
  townshipCode: f.townshipCode,
  departmentId: f.departmentId,
  departmentName: f.departmentName,
  taskTitle: f.taskTitle,
  description: f.description,
  channel: f.channel,
  receivedOn: f.receivedOn,
  requestId: f.requestId,
  status: f.status,
  flaggedByName: hideFlagger ? null : f.flaggedByName,
  createdAt: f.createdAt,
});
