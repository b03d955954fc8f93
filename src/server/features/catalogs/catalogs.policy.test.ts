import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.js';
import type { RegionLevel, Role } from '../../../shared/roles.js';
import type { AdjustmentStatus } from '../../../shared/catalogs.js';
import {
  canApprove,
  canCancelAdjustment,
  canCreateCatalogAt,
  canEditAdjustment,
  canManageCatalog,
  canProposeAt,
  canPublish,
  canReadRegion,
  canSeeAdjustment,
  canSeeLayer,
} from './catalogs.policy.js';

// Policies are pure: one row per role × relationship.
const DISTRICT = '140404000000';
const HANDIAN = '140404001000';
const OTHER = '140404100000';
const VILLAGE = '140404001200';
const OTHER_DISTRICT = '140402000000';

const actor = (username: string, role: Role, regionCode: string, level: RegionLevel): Actor => ({
  userId: username,
  username,
  displayName: username,
  regionCode,
  departmentId: null,
  grants: [{ role, regionCode, level }],
  sessionId: null,
  mustChangePassword: false,
});
const ACTORS = {
  lead: actor('lead', 'district_lead', DISTRICT, 'county'),
  lead2: actor('lead2', 'district_lead', DISTRICT, 'county'),
  township: actor('township', 'township_officer', HANDIAN, 'township'),
  village: actor('village', 'village_cadre', VILLAGE, 'village'),
  approver: actor('approver', 'district_approver', DISTRICT, 'county'),
  department: actor('department', 'department_officer', DISTRICT, 'county'),
  sysadmin: actor('sysadmin', 'sysadmin', DISTRICT, 'county'),
  auditor: actor('auditor', 'auditor', DISTRICT, 'county'),
};
type Who = keyof typeof ACTORS;
const level = (code: string) => (code.endsWith('000000') ? 'county' : code.endsWith('000') ? 'township' : 'village');
const adj = (proposer: Who, target: string, status: AdjustmentStatus, publishedAt: string | null = null) => ({
  status,
  proposerId: proposer,
  targetRegionCode: target,
  targetLevel: level(target),
  publishedAt,
});

describe('canProposeAt: district lead for the district and its townships, township officer for their own township', () => {
  it.each([
    ['lead', DISTRICT, true],
    ['lead', HANDIAN, true],
    ['lead', OTHER, true],
    ['lead', VILLAGE, false], // villages are not a layer
    ['lead', OTHER_DISTRICT, false],
    ['township', HANDIAN, true],
    ['township', DISTRICT, false],
    ['township', OTHER, false],
    ['village', VILLAGE, false],
    ['village', HANDIAN, false],
    ['approver', DISTRICT, false],
    ['department', DISTRICT, false],
    ['sysadmin', DISTRICT, false],
  ] as [Who, string, boolean][])('%s at %s: %s', (who, code, expected) =>
    expect(canProposeAt(ACTORS[who], { code, level: level(code) })).toBe(expected),
  );
});

describe('canApprove: the district lead, on covered layers, never their own proposal, only when submitted', () => {
  it.each([
    ['lead', 'township', HANDIAN, 'submitted', true],
    ['lead', 'lead2', DISTRICT, 'submitted', true],
    ['lead', 'lead', DISTRICT, 'submitted', false], // proposer ≠ approver
    ['lead', 'township', HANDIAN, 'draft', false],
    ['lead', 'township', HANDIAN, 'approved', false],
    ['lead2', 'lead', HANDIAN, 'submitted', true],
    ['township', 'lead', HANDIAN, 'submitted', false],
    ['approver', 'lead', DISTRICT, 'submitted', false],
    ['village', 'township', HANDIAN, 'submitted', false],
  ] as [Who, Who, string, AdjustmentStatus, boolean][])(
    '%s approving a proposal of %s at %s (%s): %s',
    (who, proposer, target, status, expected) =>
      expect(canApprove(ACTORS[who], adj(proposer, target, status))).toBe(expected),
  );
});

describe('canEditAdjustment / canCancelAdjustment: the proposer, while it is open', () => {
  it.each([
    ['township', 'township', 'draft', true, true],
    ['township', 'township', 'submitted', false, true],
    ['township', 'township', 'approved', false, false],
    ['lead', 'township', 'draft', false, false],
    ['lead', 'township', 'submitted', false, false],
  ] as [Who, Who, AdjustmentStatus, boolean, boolean][])(
    '%s on a %s proposal in %s: edit %s, cancel %s',
    (who, proposer, status, edit, cancel) => {
      expect(canEditAdjustment(ACTORS[who], adj(proposer, HANDIAN, status))).toBe(edit);
      expect(canCancelAdjustment(ACTORS[who], adj(proposer, HANDIAN, status))).toBe(cancel);
    },
  );
});

describe('canPublish: the district lead publishes approved, unpublished adjustments', () => {
  it.each([
    ['lead', 'approved', null, true],
    ['lead', 'approved', '2026-11-28T00:00:00Z', false],
    ['lead', 'submitted', null, false],
    ['township', 'approved', null, false],
    ['lead2', 'approved', null, true], // publishing one's own approved proposal is allowed: it was decided by someone else
  ] as [Who, AdjustmentStatus, string | null, boolean][])(
    '%s, %s, published %s: %s',
    (who, status, publishedAt, expected) =>
      expect(canPublish(ACTORS[who], adj('lead2', HANDIAN, status, publishedAt))).toBe(expected),
  );
});

describe('visibility', () => {
  it.each([
    ['township', 'lead', DISTRICT, 'submitted', true], // a layer above the township
    ['township', 'lead', OTHER, 'submitted', false], // another township
    ['village', 'township', HANDIAN, 'approved', true],
    ['lead', 'township', HANDIAN, 'draft', false], // drafts only by their proposer
    ['township', 'township', HANDIAN, 'draft', true],
    ['sysadmin', 'lead', DISTRICT, 'approved', false],
  ] as [Who, Who, string, AdjustmentStatus, boolean][])(
    '%s sees a %s adjustment at %s in %s: %s',
    (who, proposer, target, status, expected) =>
      expect(canSeeAdjustment(ACTORS[who], adj(proposer, target, status))).toBe(expected),
  );
  it.each([
    ['township', null, true],
    ['township', DISTRICT, true],
    ['township', HANDIAN, true],
    ['township', OTHER, false],
    ['lead', OTHER, true],
    ['auditor', DISTRICT, false],
  ] as [Who, string | null, boolean][])('%s sees the layer %s: %s', (who, layer, expected) =>
    expect(canSeeLayer(ACTORS[who], layer)).toBe(expected),
  );
  it.each([
    ['village', VILLAGE, true],
    ['village', HANDIAN, false],
    ['township', VILLAGE, true],
    ['department', VILLAGE, true],
    ['sysadmin', VILLAGE, false],
  ] as [Who, string, boolean][])('%s reads the effective catalog of %s: %s', (who, code, expected) =>
    expect(canReadRegion(ACTORS[who], code)).toBe(expected),
  );
});

describe('catalog maintenance', () => {
  it.each([
    ['lead', null, true], // base lists: any holder of catalogs.approve
    ['township', null, false],
    ['lead', HANDIAN, true],
    ['lead', OTHER_DISTRICT, false],
    ['township', HANDIAN, false],
  ] as [Who, string | null, boolean][])('%s manages a catalog owned by %s: %s', (who, owner, expected) =>
    expect(canManageCatalog(ACTORS[who], { ownerRegionCode: owner })).toBe(expected),
  );
  it.each([
    ['lead', DISTRICT, true],
    ['lead', HANDIAN, true],
    ['lead', VILLAGE, false],
    ['township', HANDIAN, false],
  ] as [Who, string, boolean][])('%s creates a local list at %s: %s', (who, code, expected) =>
    expect(canCreateCatalogAt(ACTORS[who], { code, level: level(code) })).toBe(expected),
  );
});
