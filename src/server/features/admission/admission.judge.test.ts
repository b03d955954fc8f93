/**
 * The pre-check through the API with the judge (issue 9): unverified while the district's duty and assistance
 * catalogs are incomplete, prohibited requests refused whatever their basis (naming the rule and the words, and
 * beyond anyone's approval), mechanisms returned saying what to add.
 */
import { describe, expect, it } from 'vitest';
import { declareComplete } from '../../../../test/catalog-status.js';
import { formatKeyed } from '../../../shared/i18n.js';
import { admissionTest, COUNTY, specialTask, VILLAGE } from './admission.test-helpers.js';

/** The district's duty and assistance catalogs stay incomplete until the first test declares them complete. */
const s = admissionTest({ catalogsComplete: false });

describe('the pre-check with the judge', () => {
  it('is 待核实（目录未完整） for an out-of-catalog task while the catalogs are incomplete, and goes to the district government once they are complete', async () => {
    const before = await s.dept.post('/api/admission/precheck', { content: specialTask() });
    expect(before.body).toMatchObject({ outcome: 'unverified', needsGovernment: false });
    expect(before.body.completeness).toMatchObject({ duty: 'partial', assistance: 'partial' });
    for (const kind of ['duty', 'assistance'])
      expect((await declareComplete(s.district, COUNTY, kind)).status).toBe(200);
    const after = await s.dept.post('/api/admission/precheck', { content: specialTask() });
    expect(after.body).toMatchObject({ outcome: 'needs_government', needsGovernment: true });
  });

  it('a mechanism a department asks for, with a statutory basis but without its money and people, is returned saying what to add', async () => {
    const body = await s.fileAndSubmit(
      specialTask({
        kind: 'mechanism',
        title: '各村设立禁毒工作站',
        targets: [VILLAGE],
        funding: { provided: false },
        staffing: { provided: false },
        basis: [{ document: '中华人民共和国禁毒法', article: '第十三条', level: 'law' }],
      }),
    );
    expect(body.status).toBe('returned');
    expect(body.revision).toBe(2);
    const f = body.precheck.findings.find((x: any) => x.rule === 'mechanism_unfunded');
    expect(f.missing).toEqual(['funding', 'staffing']);
    expect(body.abilities.edit).toBe(true);
  });

  it('a prohibited request is refused whatever basis it cites, naming the rule and the words', async () => {
    const body = await s.fileAndSubmit(
      specialTask({
        kind: 'work_affair',
        title: '各村与镇政府签订年度森林防火目标责任状，实行一票否决',
        targets: [VILLAGE],
        basis: [{ document: '中华人民共和国森林法', article: '第三十四条', level: 'law' }],
      }),
    );
    expect(body.status).toBe('refused');
    expect(body.precheck.findings.every((x: any) => x.outcome === 'refused' || x.outcome === 'admissible')).toBe(true);
    const f = body.precheck.findings.find((x: any) => x.rule === 'prohibition');
    expect(f.item.code).toBe('CN-PROH-2019-01');
    expect(f.triggers[0].words).toEqual(expect.arrayContaining(['签订', '责任状']));
    expect(f.message.key).toBe('admission.finding.prohibition');
    expect(formatKeyed('zh-CN', f.message)).toContain('一票否决');
    // Refused at pre-check: nobody can approve it (there is no open review step).
    const approve = await s.district.post(`/api/admission/requests/${body.id}/decision`, {
      version: body.version,
      revision: body.revision,
      action: 'approve',
    });
    expect(approve.status).toBe(409);
  });
});

describe('a prohibition rule amended by the district (S-6.1 rules are catalog data)', () => {
  const PLEDGE = 'CN-PROH-2019-01';
  const NEW_LINE = '{签} + 包保协议|保证金协议';
  const pledge = () =>
    specialTask({ kind: 'work_affair', title: '各村与镇政府签订安全生产包保协议', targets: [VILLAGE] });

  it('changes the gate’s answer from its effective date, with history, diff and audit', async () => {
    const before = await s.dept.post('/api/admission/precheck', { content: pledge() });
    expect(before.body.outcome).not.toBe('refused');

    const item = await s.district.get(`/api/catalogs/items/${PLEDGE}/history`);
    expect(item.status).toBe(200);
    const current: string = item.body.revisions.at(-1).fields.patterns;
    const draft = await s.district.post('/api/catalogs/adjustments', {
      targetRegion: COUNTY,
      operation: 'amend',
      itemCode: PLEDGE,
      reasonType: 'annual_review',
      basis: '（测试）区减负办年度评估：包保协议是责任状的变相说法',
      effectiveDate: '2027-01-01',
      fields: { patterns: `${current}\n${NEW_LINE}` },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const submitted = await s.district.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
      version: draft.body.version,
    });
    const approved = await s.district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    // Approved but not yet in force: the gate still answers as before.
    expect((await s.dept.post('/api/admission/precheck', { content: pledge() })).body.outcome).toBe(
      before.body.outcome,
    );

    // From the effective date the amended rule refuses it, naming the new line and its words.
    s.t.clock.set('2027-01-02T02:00:00.000Z');
    const [dept2, district2] = await Promise.all(['demo-department', 'demo-district'].map((u) => s.t.as(u)));
    const after = await dept2.post('/api/admission/precheck', { content: pledge() });
    expect(after.body.outcome).toBe('refused');
    const f = after.body.findings.find((x: any) => x.rule === 'prohibition');
    expect(f.item.code).toBe(PLEDGE);
    expect(f.triggers.flatMap((x: any) => x.words)).toEqual(expect.arrayContaining(['包保协议']));

    // History, diff and audit show the change.
    const history = await district2.get(`/api/catalogs/items/${PLEDGE}/history`);
    expect(history.body.revisions.at(-1)).toMatchObject({
      operation: 'amend',
      source: 'adjustment',
      effectiveFrom: '2027-01-01',
      adjustment: { id: draft.body.id },
    });
    const diff = await district2.get(`/api/catalogs/diff?region=${VILLAGE}&from=2026-12-31&to=2027-01-01`);
    const amended = diff.body.amended.find((e: any) => e.code === PLEDGE);
    expect(amended.changedFields).toEqual(['patterns']);
    expect(amended.after.patterns).toContain(NEW_LINE);
    const audit = await s.t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', draft.body.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'catalogs.adjustment.create',
      'catalogs.adjustment.submit',
      'catalogs.adjustment.approve',
    ]);
  });
});
