/**
 * The domain events services record (deps.events.record, inside their transaction) and the payload of
 * each. Emitters and subscribers (notifications today; outbound channels later) meet here, so neither
 * imports the other. Payloads carry ids and the few facts a subscriber needs, never whole rows.
 */
import type { EventBus } from './core/events.js';
import type { Completeness } from '../shared/catalogs.enums.js';

export interface LedgerFacts {
  ledgerId: string;
  /** The ledger's version after the change (dedupes notices per change). */
  version: number;
  villageCode: string;
  villageName: string;
  townshipCode: string | null;
  campaignName: string;
}

export interface RequestFacts {
  id: string;
  number: string;
  title: string;
  departmentId: string | null;
  regionCode: string;
}

export interface DomainEvents {
  /** A village submitted its self-inspection ledger for review. */
  'ledger.submitted': LedgerFacts & { rows: number };
  /** The township returned a ledger with a note. */
  'ledger.returned': LedgerFacts & { note: string };
  /** The township approved a ledger; non-compliant rows are clean-up tasks now. */
  'ledger.approved': LedgerFacts & { openTasks: number };
  /** A village edited a ledger after its approval: the approval no longer holds. */
  'ledger.approval_voided': LedgerFacts;
  /** Clean-up tasks were assigned to departments (the imposer undoes what it imposed). */
  'tasks.assigned': {
    ledgerId: string;
    villageCode: string;
    villageName: string;
    departments: { departmentId: string; tasks: { id: string; title: string }[] }[];
  };
  /** Open clean-up tasks whose deadline is today or a reminder day before it. */
  'tasks.due': {
    date: string;
    tasks: {
      id: string;
      title: string;
      deadline: string;
      ownerKind: string;
      ownerDepartmentId: string | null;
      villageCode: string | null;
    }[];
  };
  /** A review step of an admission request opened (its reviewers, or the named reviewer, act next). */
  'admission.step_opened': {
    request: RequestFacts;
    step: {
      id: string;
      step: 'township' | 'district' | 'government';
      regionCode: string;
      assigneeId: string | null;
      dueOn: string | null;
    };
  };
  /** An admission request was decided (by the pre-check or a reviewer). */
  'admission.decided': {
    request: RequestFacts;
    revision: number;
    outcome: 'precheck_refused' | 'precheck_returned' | 'approved' | 'returned' | 'rejected';
    /** The deciding body (区民政局 …) or 准入预审. */
    body: string;
    step: string | null;
    note: string;
  };
  /** An admitted request expires soon. */
  'admission.expiring': { request: RequestFacts; expiresOn: string; daysLeft: number; reminder: number };
  /** A district's duty or assistance catalog is not complete: judgements resting on it are 待核实. */
  'catalogs.incomplete': { regionCode: string; regionName: string; duty: Completeness; assistance: Completeness };
  /** A village flagged a task that reached it without admission. */
  'admission.flagged': {
    flagId: string;
    townshipCode: string | null;
    regionName: string;
    departmentName: string;
    taskTitle: string;
  };
}

export type DomainEventBus = EventBus<DomainEvents>;
