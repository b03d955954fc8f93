import type { workbench as zh } from '../zh-CN/workbench.js';

/** English (second language): the workbench. */
export const workbench: Record<keyof typeof zh, string> = {
  'workbench.todos': 'To-dos',
  'workbench.empty': 'Nothing waiting',
  'workbench.emptyHint': 'Work waiting for you will appear here.',
  'workbench.open': 'Open',
  'workbench.deadline': 'Due {date}',
  'workbench.overdue': 'Overdue (due {date})',
  'workbench.late': 'What is late where',
  'workbench.lateRegion': 'Region',
  'workbench.lateLedgers': 'Ledgers late',
  'workbench.overdueTasks': 'Overdue tasks',
  'workbench.myAccount': 'My account and permissions',
  'workbench.todo.ledger_draft': 'Ledgers to fill in',
  'workbench.todo.ledger_returned': 'Ledgers returned for correction',
  'workbench.todo.ledger_review': 'Village ledgers to review',
  'workbench.todo.tasks_overdue': 'Overdue clean-up tasks',
  'workbench.todo.tasks_open': 'Open clean-up tasks',
  'workbench.todo.admission_review': 'Admission requests awaiting my review or decision',
  'workbench.todo.admission_draft': 'Admission request drafts not submitted',
  'workbench.todo.admission_returned': 'Admission requests returned',
  'workbench.todo.admission_decided': 'Admission requests decided',
  'workbench.todo.flags': 'Reports of tasks without admission',
  'campaigns.phaseMoved':
    "The campaign started after the plan's default dates; these deadlines were moved relative to the start:",
  'campaigns.phaseMovedItem': '{phase}: {from} → {to}',
};
