import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.js';
import type { RegionLevel, Role } from '../../../shared/roles.js';
import { canDecide, canEdit, canFile, canWithdraw, type RequestFacts, type StepFacts } from './admission.policy.js';
import { canPrint, canRevoke, canUnmask, issuingVillage } from '../certificates/certificates.policy.js';
import { addWorkingDays, isWorkingDay, NATIONAL_2026, workingDaysBetween } from './admission.calendar.js';
import { precheck } from './admission.precheck.js';
import { createCatalogView, type CatalogView, type JudgedItem } from '../catalogs/judge.js';
import { DEFAULT_SIGN_GUIDE } from '../campaigns/campaigns.model.js';
import { requestContent } from './admission.schemas.js';
import { formatKeyed, isMessageKey } from '../../../shared/i18n.js';

const COUNTY = '140404000000';
const TOWNSHIP = '140404001000';
const VILLAGE = '140404001200';
const LEVEL: Record<string, RegionLevel> = {
  [COUNTY]: 'county',
  [TOWNSHIP]: 'township',
  [VILLAGE]: 'village',
  '140404002000': 'township',
  '140404002200': 'village',
};

const anActor = (role: Role, regionCode: string, over: Partial<Actor> = {}): Actor => ({
  userId: `u-${role}`,
  username: role,
  displayName: role,
  regionCode,
  departmentId: role === 'department_officer' ? 'dept-agri' : null,
  grants: [{ role, regionCode, level: LEVEL[regionCode] }],
  sessionId: null,
  mustChangePassword: false,
  ...over,
});

const req = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  departmentId: 'dept-agri',
  regionCode: COUNTY,
  status: 'in_review',
  approvedRevision: null,
  ...over,
});
const step = (over: Partial<StepFacts> = {}): StepFacts => ({
  step: 'district',
  status: 'open',
  regionCode: COUNTY,
  assigneeId: null,
  ...over,
});

describe('admission policy', () => {
  it.each<[string, Actor, boolean]>([
    ['department officer with a department', anActor('department_officer', COUNTY), true],
    ['department officer without a department', anActor('department_officer', COUNTY, { departmentId: null }), false],
    ['district lead', anActor('district_lead', COUNTY), false],
    ['village cadre', anActor('village_cadre', VILLAGE), false],
    ['sysadmin', anActor('sysadmin', COUNTY), false],
  ])('%s may file: %s', (_, actor, expected) => expect(canFile(actor)).toBe(expected));

  it.each<[string, Actor, RequestFacts, boolean]>([
    ['own draft', anActor('department_officer', COUNTY), req({ status: 'draft' }), true],
    ['own returned request', anActor('department_officer', COUNTY), req({ status: 'returned' }), true],
    ['own request under review (frozen)', anActor('department_officer', COUNTY), req({ status: 'in_review' }), false],
    ['own approved request', anActor('department_officer', COUNTY), req({ status: 'approved' }), false],
    [
      "another department's draft",
      anActor('department_officer', COUNTY, { departmentId: 'dept-health' }),
      req({ status: 'draft' }),
      false,
    ],
    ['district lead on a draft', anActor('district_lead', COUNTY), req({ status: 'draft' }), false],
  ])('edit %s: %s', (_, actor, r, expected) => expect(canEdit(actor, r)).toBe(expected));

  it.each<[string, Actor, StepFacts, boolean]>([
    ['district lead, district step', anActor('district_lead', COUNTY), step(), true],
    ['district lead, government step', anActor('district_lead', COUNTY), step({ step: 'government' }), false],
    [
      'district lead, township step',
      anActor('district_lead', COUNTY),
      step({ step: 'township', regionCode: TOWNSHIP }),
      false,
    ],
    ['approver, government step', anActor('district_approver', COUNTY), step({ step: 'government' }), true],
    ['approver, district step', anActor('district_approver', COUNTY), step(), false],
    [
      'township officer, own township step',
      anActor('township_officer', TOWNSHIP),
      step({ step: 'township', regionCode: TOWNSHIP }),
      true,
    ],
    [
      'township officer, other township step',
      anActor('township_officer', '140404002000'),
      step({ step: 'township', regionCode: TOWNSHIP }),
      false,
    ],
    ['township officer, district step', anActor('township_officer', TOWNSHIP), step(), false],
    [
      'named reviewer',
      anActor('district_approver', COUNTY),
      step({ step: 'government', assigneeId: 'u-district_approver' }),
      true,
    ],
    [
      'another approver than the named one',
      anActor('district_approver', COUNTY),
      step({ step: 'government', assigneeId: 'u-someone-else' }),
      false,
    ],
    ['pending step', anActor('district_lead', COUNTY), step({ status: 'pending' }), false],
    ['department officer', anActor('department_officer', COUNTY), step(), false],
    ['village cadre', anActor('village_cadre', VILLAGE), step(), false],
  ])('decide as %s: %s', (_, actor, s, expected) => expect(canDecide(actor, req(), s)).toBe(expected));

  it('decides only requests under review', () => {
    expect(canDecide(anActor('district_lead', COUNTY), req({ status: 'approved' }), step())).toBe(false);
  });

  it.each<[string, Actor, RequestFacts, boolean]>([
    ['department, own request under review', anActor('department_officer', COUNTY), req(), true],
    ['department, own admitted task', anActor('department_officer', COUNTY), req({ status: 'approved' }), true],
    ['department, own rejected request', anActor('department_officer', COUNTY), req({ status: 'rejected' }), false],
    ['district lead, admitted task', anActor('district_lead', COUNTY), req({ status: 'approved' }), true],
    ['district lead, request under review', anActor('district_lead', COUNTY), req(), false],
    ['township officer, admitted task', anActor('township_officer', TOWNSHIP), req({ status: 'approved' }), false],
    ['village cadre, admitted task', anActor('village_cadre', VILLAGE), req({ status: 'approved' }), false],
  ])('withdraw as %s: %s', (_, actor, r, expected) => expect(canWithdraw(actor, r)).toBe(expected));
});

describe('certificate policy', () => {
  const valid = { regionCode: VILLAGE, status: 'valid' };
  it.each<[string, Actor, boolean, boolean, boolean]>([
    ['the issuing village', anActor('village_cadre', VILLAGE), true, true, true],
    ['another village', anActor('village_cadre', '140404002200'), false, false, false],
    ['the township', anActor('township_officer', TOWNSHIP), false, false, false],
    ['the district', anActor('district_lead', COUNTY), false, false, false],
    ['the auditor', anActor('auditor', COUNTY), false, false, false],
  ])('%s: print %s, revoke %s, unmask %s', (_, actor, print, revoke, unmask) => {
    expect(canPrint(actor, valid)).toBe(print);
    expect(canRevoke(actor, valid)).toBe(revoke);
    expect(canUnmask(actor, valid)).toBe(unmask);
  });
  it('neither prints nor revokes a revoked certificate', () => {
    const a = anActor('village_cadre', VILLAGE);
    expect(canPrint(a, { regionCode: VILLAGE, status: 'revoked' })).toBe(false);
    expect(canRevoke(a, { regionCode: VILLAGE, status: 'revoked' })).toBe(false);
    expect(issuingVillage(a)).toBe(VILLAGE);
    expect(issuingVillage(anActor('township_officer', TOWNSHIP))).toBeNull();
  });
});

describe('working days', () => {
  it('skips weekends and the 2026 national holidays, and counts make-up working days', () => {
    expect(isWorkingDay('2026-11-28', NATIONAL_2026)).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-01', NATIONAL_2026)).toBe(false); // 国庆节
    expect(isWorkingDay('2026-10-10', NATIONAL_2026)).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-02-14', NATIONAL_2026)).toBe(true);
    expect(addWorkingDays('2026-11-28', 10, NATIONAL_2026)).toBe('2026-12-11');
    // 2026-09-30 (Wed) + 3 working days: 10-08 (Thu), 10-09 (Fri), 10-10 (Sat, make-up).
    expect(addWorkingDays('2026-09-30', 3, NATIONAL_2026)).toBe('2026-10-10');
    expect(addWorkingDays('2026-02-13', 2, NATIONAL_2026)).toBe('2026-02-24');
    expect(addWorkingDays('2027-01-01', 1, { holidays: [], workdays: [], source: '' })).toBe('2027-01-04'); // weekends only
    expect(workingDaysBetween('2026-11-28', '2026-12-11', NATIONAL_2026)).toBe(10);
  });
});

const item = (code: string, kind: JudgedItem['kind'], name: string, patterns: string | null = null): JudgedItem => ({
  code,
  name,
  kind,
  catalogId: `cat-${kind}`,
  catalogTitle: `${kind} 目录`,
  basis: '某文件',
  alternativeChannel: null,
  guidance: null,
  funding: null,
  catchAll: false,
  catalogComplete: true,
  patterns,
});
const content = (over: Record<string, unknown>) =>
  requestContent.parse({
    kind: 'work_affair',
    title: 'x',
    basis: [{ document: '某通知', level: 'department' }],
    targets: [VILLAGE],
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    funding: { provided: true },
    staffing: { provided: true },
    ...over,
  });

describe('pre-check rules (with a stub catalog)', () => {
  const items = [
    item('D-01', 'duty', '村民自治事务'),
    item('A-01', 'assistance', '协助做好社会救助'),
    item('N-01', 'negative_certificate', '亲属关系证明'),
    item('P-01', 'prohibition', '不得将村级组织作为招商引资责任主体', '招商引资 + 任务|指标'),
    item('M-01', 'mechanism', '人民调解委员会（村委会下属）'),
  ];
  /** A view whose matcher answers only the given titles (so the rules, not similarity, decide prohibitions). */
  const view = (hits: Record<string, string>, completeness: 'complete' | 'partial' = 'complete'): CatalogView =>
    createCatalogView({
      versionId: 'v-test',
      regionCode: VILLAGE,
      date: '2026-11-28',
      items,
      signGuide: DEFAULT_SIGN_GUIDE,
      completeness: { duty: completeness, assistance: completeness },
      matcher: {
        match(text, kinds) {
          // The judge matches the title without filler (协助做好…): a hit key may be longer than the text.
          const key = Object.keys(hits).find((k) => k === text || k.endsWith(text));
          const it = items.find((i) => key && i.code === hits[key] && (!kinds || kinds.includes(i.kind)));
          const c = it
            ? [{ code: it.code, name: it.name, kind: it.kind, catalogId: it.catalogId, score: 0.9, reason: 'stub' }]
            : [];
          return { best: c[0] ?? null, candidates: c, unlisted: !it, normalized: text, terms: [], threshold: 0.6 };
        },
      },
    });

  it.each<[string, Record<string, unknown>, Record<string, string>, string, string[]]>([
    ['a duty item', { title: '村民自治事务' }, { 村民自治事务: 'D-01' }, 'admissible', ['catalogued']],
    ['funded assistance', { title: '协助做好社会救助' }, { 协助做好社会救助: 'A-01' }, 'admissible', ['catalogued']],
    [
      'unfunded assistance',
      { title: '协助做好社会救助', funding: { provided: false } },
      { 协助做好社会救助: 'A-01' },
      'returned',
      ['catalogued', 'assistance_unfunded'],
    ],
    ['out of catalog', { title: '秸秆禁烧巡查' }, {}, 'needs_government', ['out_of_catalog']],
    [
      'a prohibition, whatever the basis',
      { title: '下达招商引资任务', basis: [{ document: '某法', level: 'law' }] },
      {},
      'refused',
      ['prohibition'],
    ],
    [
      'a negative certificate',
      { kind: 'certificate', title: '亲属关系证明' },
      { 亲属关系证明: 'N-01' },
      'refused',
      ['negative_certificate'],
    ],
    [
      'an unlisted certificate without statutory basis',
      { kind: 'certificate', title: '某证明' },
      {},
      'refused',
      ['certificate_no_basis'],
    ],
    [
      'a dedicated post on a department document',
      { kind: 'mechanism', dedicatedPost: true, title: '禁毒专干' },
      {},
      'refused',
      ['mechanism_no_statutory_basis'],
    ],
    [
      'a post recognised from the text, box unticked',
      { title: '各村配备1名禁毒专干' },
      {},
      'refused',
      ['mechanism_no_statutory_basis'],
    ],
    [
      'the village’s own statutory organ, without outside money or people',
      { kind: 'mechanism', title: '健全人民调解委员会', funding: { provided: false }, staffing: { provided: false } },
      {},
      'admissible',
      ['statutory_mechanism'],
    ],
    [
      'a mechanism with a statutory basis, unstaffed',
      {
        kind: 'mechanism',
        title: '设立禁毒工作站',
        basis: [{ document: '某法', level: 'law' }],
        staffing: { provided: false },
      },
      {},
      'returned',
      ['mechanism_unfunded'],
    ],
    ['no basis at all', { title: '秸秆禁烧巡查', basis: [] }, {}, 'returned', ['no_basis', 'out_of_catalog']],
  ])('%s → %s', (_, over, hits, outcome, rules) => {
    const r = precheck(content(over), view(hits));
    expect(r.outcome).toBe(outcome);
    expect(r.findings.map((f) => f.rule)).toEqual(rules);
    expect(r.catalogVersionId).toBe('v-test');
    for (const f of r.findings) {
      // A seed-plan clause worded in both languages, or a prohibition's item; every placeholder filled.
      expect(isMessageKey(`admission.clause.${f.clause.id}`) || f.clause.id === f.item?.code).toBe(true);
      expect(isMessageKey(f.message.key)).toBe(true);
      for (const locale of ['zh-CN', 'en-US'] as const) expect(formatKeyed(locale, f.message)).not.toMatch(/\{\w+\}/);
    }
  });

  it('is unverified, never needs_government, when the duty or assistance catalog is incomplete', () => {
    const r = precheck(content({ title: '秸秆禁烧巡查' }), view({}, 'partial'));
    expect(r.outcome).toBe('unverified');
    expect(r.needsGovernment).toBe(false);
  });

  it('names the triggering words and what to add', () => {
    const refused = precheck(content({ title: '下达招商引资任务' }), view({}));
    expect(refused.findings[0].triggers?.[0]).toMatchObject({ section: '标题', words: ['招商引资', '任务'] });
    expect(formatKeyed('zh-CN', refused.findings[0].message)).toContain('招商引资');
    const returned = precheck(
      content({ title: '协助做好社会救助', funding: { provided: false } }),
      view({ 协助做好社会救助: 'A-01' }),
    );
    expect(returned.findings.find((f) => f.outcome === 'returned')?.missing).toEqual(['funding']);
  });
});
