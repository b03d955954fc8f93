/** Policies as tables: one row per role × relationship × state (no database). */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.js';
import type { RegionLevel, Role } from '../../../shared/roles.js';
import {
  canEditRows,
  canReadLedger,
  canReadTask,
  canReview,
  canSeeCampaign,
  canSubmit,
  canWithdraw,
  canWorkTask,
  canManageTask,
  canLaunch,
} from './campaigns.policy.js';
import type { LedgerStatus } from './campaigns.model.js';

const LEVEL: Record<string, RegionLevel> = {
  '140404001200': 'village',
  '140404001000': 'township',
  '140404000000': 'county',
  '140000000000': 'province',
  '140404002200': 'village',
};
const anActor = (role: Role, regionCode: string, departmentId: string | null = null): Actor => ({
  userId: `u-${role}`,
  username: role,
  displayName: role,
  regionCode,
  departmentId,
  sessionId: null,
  mustChangePassword: false,
  grants: [{ role, regionCode, level: LEVEL[regionCode] }],
});

const HANDIAN = '140404001200';
const OTHER_TOWNSHIP_VILLAGE = '140404002200';
const active = { status: 'active' as const };
const ledger = (status: LedgerStatus, approvalStale = false, villageCode = HANDIAN) => ({
  villageCode,
  status,
  approvalStale,
});

describe('ledger rows may change', () => {
  it.each([
    ['village_cadre', HANDIAN, 'draft', true],
    ['village_cadre', HANDIAN, 'returned', true],
    ['village_cadre', HANDIAN, 'approved', true], // allowed; the approval then goes stale
    ['village_cadre', HANDIAN, 'submitted', false],
    ['township_officer', '140404001000', 'draft', false],
    ['district_lead', '140404000000', 'draft', false],
  ] as const)('%s at %s, ledger %s: %s', (role, node, status, expected) => {
    expect(canEditRows(anActor(role, node), ledger(status), active)).toBe(expected);
  });
  it('not before launch nor after the campaign closes', () => {
    expect(canEditRows(anActor('village_cadre', HANDIAN), ledger('draft'), { status: 'draft' })).toBe(false);
    expect(canEditRows(anActor('village_cadre', HANDIAN), ledger('draft'), { status: 'closed' })).toBe(false);
  });
});

describe('workflow', () => {
  it.each([
    ['draft', false, true],
    ['returned', false, true],
    ['submitted', false, false],
    ['approved', false, false],
    ['approved', true, true], // a stale approval is resubmitted
  ] as const)('the village submits a %s ledger (stale %s): %s', (status, stale, expected) => {
    expect(canSubmit(anActor('village_cadre', HANDIAN), ledger(status, stale), active)).toBe(expected);
  });
  it.each([
    ['township_officer', '140404001000', HANDIAN, 'submitted', true],
    ['township_officer', '140404001000', HANDIAN, 'draft', false],
    ['township_officer', '140404001000', OTHER_TOWNSHIP_VILLAGE, 'submitted', false],
    ['district_lead', '140404000000', HANDIAN, 'submitted', false],
    ['village_cadre', HANDIAN, HANDIAN, 'submitted', false],
  ] as const)('%s at %s reviews %s when %s: %s', (role, node, village, status, expected) => {
    expect(canReview(anActor(role, node), ledger(status, false, village), active)).toBe(expected);
  });
  it('only a submitted ledger is withdrawn, by its village', () => {
    expect(canWithdraw(anActor('village_cadre', HANDIAN), ledger('submitted'), active)).toBe(true);
    expect(canWithdraw(anActor('village_cadre', HANDIAN), ledger('returned'), active)).toBe(false);
    expect(canWithdraw(anActor('township_officer', '140404001000'), ledger('submitted'), active)).toBe(false);
  });
  it.each([
    ['village_cadre', HANDIAN, true],
    ['township_officer', '140404001000', true],
    ['district_lead', '140404000000', true],
    ['district_approver', '140404000000', true],
    ['department_officer', '140404000000', false],
    ['auditor', '140404000000', false],
  ] as const)('%s reads the village ledger: %s', (role, node, expected) => {
    expect(canReadLedger(anActor(role, node), { villageCode: HANDIAN })).toBe(expected);
  });
});

describe('campaigns are seen up and down the tree', () => {
  it.each([
    ['village_cadre', HANDIAN, '140404000000', 'county', true],
    ['township_officer', '140404001000', '140404000000', 'county', true],
    ['district_lead', '140000000000', '140404000000', 'county', true], // a province lead sees a district campaign
    ['district_lead', '140404000000', '140000000000', 'province', true], // and a district sees the province's
    ['village_cadre', HANDIAN, '140402000000', 'county', false], // another district's
    ['auditor', '140404000000', '140404000000', 'county', false],
  ] as const)('%s at %s sees a campaign at %s: %s', (role, node, code, level, expected) => {
    expect(canSeeCampaign(anActor(role, node), { regionCode: code, regionLevel: level })).toBe(expected);
  });
  it('only the district lead of the campaign region launches a draft', () => {
    const c = { regionCode: '140404000000', regionLevel: 'county' as const, status: 'draft' as const };
    expect(canLaunch(anActor('district_lead', '140404000000'), c)).toBe(true);
    expect(canLaunch(anActor('district_lead', '140404000000'), { ...c, status: 'active' })).toBe(false);
    expect(canLaunch(anActor('township_officer', '140404001000'), c)).toBe(false);
  });
});

describe('clean-up tasks', () => {
  const villageTask = {
    villageCode: HANDIAN,
    ownerKind: 'village' as const,
    ownerDepartmentId: null,
    status: 'open' as const,
  };
  const depTask = {
    villageCode: HANDIAN,
    ownerKind: 'department' as const,
    ownerDepartmentId: 'dep-agri',
    status: 'open' as const,
  };
  it.each([
    ['village_cadre', HANDIAN, null, 'village', true],
    ['village_cadre', HANDIAN, null, 'department', false],
    ['department_officer', '140404000000', 'dep-agri', 'department', true],
    ['department_officer', '140404000000', 'dep-other', 'department', false],
    ['department_officer', '140404000000', 'dep-agri', 'village', false],
    ['township_officer', '140404001000', null, 'village', true],
    ['township_officer', '140404001000', null, 'department', true],
    ['district_lead', '140404000000', null, 'village', false],
  ] as const)('%s (%s, dept %s) works a %s-owned task: %s', (role, node, dep, owner, expected) => {
    expect(canWorkTask(anActor(role, node, dep), owner === 'village' ? villageTask : depTask)).toBe(expected);
  });
  it('a closed task is worked by nobody, reopened by the township or district', () => {
    const closed = { ...villageTask, status: 'closed' as const };
    expect(canWorkTask(anActor('village_cadre', HANDIAN), closed)).toBe(false);
    expect(canManageTask(anActor('township_officer', '140404001000'), closed)).toBe(true);
    expect(canManageTask(anActor('village_cadre', HANDIAN), closed)).toBe(false);
  });
  it("a department officer reads only its own department's tasks", () => {
    expect(canReadTask(anActor('department_officer', '140404000000', 'dep-agri'), depTask)).toBe(true);
    expect(canReadTask(anActor('department_officer', '140404000000', 'dep-other'), depTask)).toBe(false);
    expect(canReadTask(anActor('department_officer', '140404000000', 'dep-agri'), villageTask)).toBe(false);
    expect(canReadTask(anActor('village_cadre', HANDIAN), depTask)).toBe(true);
  });
});
