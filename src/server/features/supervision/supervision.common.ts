/** What the supervision use cases share: today's date, the working-day deadline, sealed-column bindings, answers. */
import type { Deps } from '../../deps.js';
import { shanghaiDate } from '../../core/clock.js';
import { addWorkingDays } from '../admission/admission.calendar.js';
import { settingsFor } from '../admission/admission.settings.service.js';
import type { Finding } from '../../../shared/supervision.js';
import { ANSWER_WORKING_DAYS } from './supervision.model.js';
import type { CaseRow } from './supervision.repo.js';

export const todayOf = (deps: Deps) => shanghaiDate(deps.clock.now());

/** The answer deadline: 15 working days from today on the district's admission calendar. */
export async function deadlineFrom(deps: Deps, countyCode: string | null) {
  const { calendar } = await settingsFor(deps.db, countyCode ?? '');
  return addWorkingDays(todayOf(deps), ANSWER_WORKING_DAYS, calendar);
}

/** Sealed columns of a case are bound to its row (a ciphertext moved elsewhere fails to open). */
export const caseBinding = (id: string) => (column: string) => ({ table: 'supervision_case', column, row: id });

export interface Answer {
  finding: Finding;
  text: string;
  answeredAt: string;
}
export const answersOf = (row: Pick<CaseRow, 'answersJson'>): Answer[] => JSON.parse(row.answersJson) as Answer[];

/** The workflow columns of a case that has just come in (a report or a flag), before any step. */
export const FRESH_CASE = {
  findingNote: null,
  correction: null,
  answersJson: '[]',
  answeredOn: null,
  rating: null,
  reopenCount: 0,
  mergedInto: null,
} as const;

/** A case's region columns from its village (name, code and the ancestor codes). */
export const villageColumns = (v: {
  code: string;
  name: string;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
}) => ({
  regionCode: v.code,
  regionName: v.name,
  provinceCode: v.provinceCode,
  cityCode: v.cityCode,
  countyCode: v.countyCode,
  townshipCode: v.townshipCode,
  villageCode: v.villageCode,
});
