/** Case rows → API shapes: the list row, and the detail with its steps and the actor's abilities. */
import type { Actor } from '../../core/actor.js';
import { canAt, hasPermission } from '../../core/actor.js';
import { maskPersonalText } from '../../../shared/identity.js';
import { OPEN_WORK, type Case, type CaseDetail, type CaseStatus, type Step } from '../../../shared/supervision.js';
import { STEP_FROM } from './supervision.model.js';
import { answersOf } from './supervision.common.js';
import type { CaseRow } from './supervision.repo.js';
import type { SupervisionStepTable } from './supervision.tables.js';

export function presentCase(r: CaseRow, today: string): Case {
  const status = r.status as CaseStatus;
  return {
    id: r.id,
    code: r.code,
    source: r.source as Case['source'],
    category: r.category as Case['category'],
    regionCode: r.regionCode,
    regionName: r.regionName,
    bodyConcerned: r.bodyConcerned,
    status,
    assigneeKind: r.assigneeKind as Case['assigneeKind'],
    assigneeName: r.assigneeName,
    dueOn: r.dueOn,
    overdue: OPEN_WORK.includes(status) && !!r.dueOn && r.dueOn < today,
    createdAt: r.createdAt,
    version: Number(r.version),
  };
}

const presentStep = (s: SupervisionStepTable): Step => ({
  kind: s.kind as Step['kind'],
  at: s.at,
  actorName: s.actorName,
  note: s.note,
  params: JSON.parse(s.paramsJson) as Record<string, string>,
});

/** What the actor may do on this case now (the web shows only these actions; the server checks again). */
export function abilities(actor: Actor, r: CaseRow) {
  const status = r.status as CaseStatus;
  const handler = !!r.countyCode && canAt(actor, 'supervision.handle', r.regionCode);
  const assignee = hasPermission(actor, 'supervision.answer') && !!r.assigneeId;
  return {
    assign: handler && STEP_FROM.assign.includes(status),
    investigate: assignee && STEP_FROM.investigate.includes(status),
    correct: assignee && STEP_FROM.correct.includes(status),
    answer: assignee && STEP_FROM.answer.includes(status),
    close: handler && STEP_FROM.close.includes(status),
    merge: handler && STEP_FROM.merge.includes(status),
    reveal: canAt(actor, 'supervision.reveal', r.regionCode) && !r.anonymous,
  };
}

export function presentDetail(
  actor: Actor,
  r: CaseRow,
  extra: {
    today: string;
    description: string;
    photos: string[];
    steps: SupervisionStepTable[];
    mergedIntoCode: string | null;
  },
): CaseDetail {
  return {
    ...presentCase(r, extra.today),
    // Numbers a reporter typed into the text (ID, phone) stay masked in every view.
    description: maskPersonalText(extra.description),
    happenedOn: r.happenedOn,
    anonymous: !!r.anonymous,
    reporterMasked: { name: r.reporterNameMasked, contact: r.contactMasked },
    photos: extra.photos,
    findingNote: r.findingNote,
    correction: r.correction,
    answers: answersOf(r),
    rating: r.rating as CaseDetail['rating'],
    reopenCount: Number(r.reopenCount),
    mergedInto: extra.mergedIntoCode,
    flagId: r.flagId,
    steps: extra.steps.map(presentStep),
    abilities: abilities(actor, r),
  };
}
