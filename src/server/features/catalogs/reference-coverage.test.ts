/**
 * What the matcher makes of everyday ledger wording against the duty and assistance lists the demo district
 * (长治市上党区) has in force: the national and Shanxi lists in force by default plus the reference lists it
 * adopts (reference/catalogs/demo-adoptions.json). Each name is written as a village cadre types a work
 * affair into the ledger; `want` lists the shipped items that lawfully cover it, and is empty where no shipped
 * list names that work (医保参保, 兵役登记, 人居环境 …: those need the official Shanxi or district tables).
 *
 * The figures are a floor, not a target: the misses are reported to the matcher's owner (see
 * reference/catalogs/README.md "Coverage"), and the floor rises as the matcher or the lists improve.
 */
import { describe, expect, it } from 'vitest';
import type { CatalogKind } from '../../../shared/catalogs.js';
import { createMatcher } from './matcher.js';
import { canonicalTerms } from './matcher.normalize.js';
import { loadDemoAdoptions, loadSeedCatalogs, toMatchableItems, type SeedCatalog } from './seed-data.js';

const WORK_KINDS: readonly CatalogKind[] = ['duty', 'assistance'];

const CASES: { q: string; want: string[] }[] = [
  { q: '征兵宣传', want: ['CN-LAW-ASSIST-13'] },
  { q: '适龄青年兵役登记', want: [] },
  { q: '城乡居民医保参保费收缴动员', want: [] },
  { q: '医保参保缴费动员', want: [] },
  { q: '城乡居民养老保险政策宣传', want: ['CN-ASSIST-2022-02', 'LQ-SVC-2023-04'] },
  { q: '养老保险参保登记', want: ['LQ-SVC-2023-03', 'LQ-SVC-2023-04'] },
  { q: '人口普查入户登记', want: ['CN-LAW-ASSIST-58'] },
  { q: '农业普查', want: ['CN-LAW-ASSIST-57'] },
  { q: '森林防火巡查宣传', want: [] },
  { q: '人居环境整治', want: [] },
  { q: '垃圾分类宣传', want: ['CN-LAW-ASSIST-59'] },
  { q: '计划生育工作', want: ['CN-LAW-ASSIST-44', 'CN-LAW-DUTY-13', 'CN-ASSIST-2022-04'] },
  { q: '残疾人两项补贴申请', want: [] },
  { q: '残疾人帮扶', want: ['CN-LAW-ASSIST-35', 'CN-LAW-ASSIST-36', 'CN-LAW-ASSIST-37', 'HB-DUTY-12'] },
  { q: '退役军人走访慰问', want: ['CN-LAW-ASSIST-15', 'CN-LAW-ASSIST-16', 'HB-DUTY-12'] },
  { q: '优抚对象走访', want: ['CN-LAW-ASSIST-16'] },
  { q: '社会救助申请受理', want: ['CN-ASSIST-2022-09'] },
  { q: '农村低保申请', want: ['CN-ASSIST-2022-09'] },
  { q: '疫情防控', want: ['CN-LAW-ASSIST-47', 'CN-LAW-ASSIST-48', 'CN-LAW-ASSIST-49', 'CN-ASSIST-2022-03'] },
  { q: '传染病防控宣传', want: ['CN-LAW-ASSIST-47', 'CN-LAW-ASSIST-48'] },
  { q: '防汛抗旱', want: ['CN-LAW-ASSIST-74'] },
  { q: '综治维稳', want: ['CN-LAW-DUTY-03', 'HB-DUTY-09', 'CN-ASSIST-2022-05'] },
  { q: '矛盾纠纷排查调处', want: ['CN-ASSIST-2022-06', 'CN-LAW-DUTY-02', 'CN-LAW-ASSIST-66', 'HB-DUTY-09'] },
  { q: '人民调解', want: ['LQ-SVC-2023-02', 'CN-LAW-DUTY-02', 'CN-LAW-DUTY-25'] },
  { q: '禁毒宣传', want: ['CN-LAW-ASSIST-03'] },
  { q: '反诈宣传', want: ['CN-LAW-ASSIST-06'] },
  { q: '扫黑除恶宣传', want: ['CN-LAW-ASSIST-01'] },
  { q: '消防安全检查', want: ['CN-LAW-ASSIST-78'] },
  { q: '安全生产隐患排查上报', want: ['CN-LAW-ASSIST-79'] },
  { q: '控辍保学', want: ['CN-LAW-ASSIST-32'] },
  { q: '留守儿童关爱', want: ['CN-ASSIST-2022-07', 'CN-LAW-ASSIST-23'] },
  {
    q: '未成年人保护',
    want: ['CN-ASSIST-2022-07', 'CN-LAW-ASSIST-23', 'CN-LAW-ASSIST-24', 'CN-LAW-ASSIST-25', 'CN-LAW-ASSIST-26'],
  },
  { q: '家庭暴力预防', want: ['CN-LAW-ASSIST-17', 'CN-ASSIST-2022-08'] },
  { q: '督促子女赡养老人', want: ['CN-LAW-ASSIST-40'] },
  { q: '法治宣传', want: ['CN-LAW-DUTY-09', 'HB-DUTY-02', 'CN-ASSIST-2022-02'] },
  { q: '法律援助咨询', want: ['LQ-SVC-2023-01'] },
  { q: '村务公开', want: ['CN-LAW-DUTY-22', 'HB-DUTY-05'] },
  { q: '村集体财务公开', want: ['CN-LAW-DUTY-31', 'CN-LAW-DUTY-33', 'HB-DUTY-05'] },
  { q: '召开村民代表会议', want: ['CN-LAW-DUTY-20', 'HB-DUTY-11'] },
  { q: '村规民约修订', want: ['CN-LAW-DUTY-16', 'HB-DUTY-11'] },
  { q: '换届工作移交', want: ['CN-LAW-DUTY-17'] },
  { q: '党员教育管理', want: ['HB-DUTY-03'] },
  { q: '宅基地申请', want: ['CN-LAW-DUTY-29'] },
  { q: '土地承包经营纠纷调解', want: ['CN-LAW-DUTY-27'] },
  { q: '耕地保护巡查', want: ['CN-LAW-ASSIST-55'] },
  { q: '动物防疫强制免疫', want: ['CN-LAW-ASSIST-50', 'CN-LAW-ASSIST-51'] },
  { q: '非法集资排查', want: ['CN-LAW-ASSIST-07'] },
  { q: '自然灾害信息员报灾', want: ['CN-LAW-ASSIST-71', 'HB-DUTY-13'] },
  { q: '防灾减灾宣传', want: ['CN-LAW-ASSIST-70', 'HB-DUTY-13'] },
  { q: '应急演练', want: ['CN-LAW-ASSIST-67', 'CN-LAW-ASSIST-75', 'HB-DUTY-13'] },
  { q: '全民健身活动', want: ['CN-LAW-ASSIST-80', 'HB-DUTY-08'] },
  { q: '爱国卫生运动', want: ['HB-DUTY-08'] },
  { q: '精神障碍患者帮扶', want: ['CN-LAW-ASSIST-42'] },
  { q: '献血动员', want: ['CN-LAW-ASSIST-45'] },
];

/** Catalogs in force in the demo district: national and Shanxi defaults, plus the given adoptions. */
function demoCatalogs(adopt: readonly string[]): SeedCatalog[] {
  return loadSeedCatalogs().filter(
    (c) =>
      adopt.includes(c.id) ||
      (c.adoptedByDefault && (c.layer === 'national' || (c.layer === 'provincial' && c.province === '山西省'))),
  );
}

interface Outcome {
  q: string;
  want: string[];
  /** The item accepted above the threshold, if any. */
  got: string | null;
  /** The top candidate whatever its score. */
  top: string | null;
  score: number | null;
}

function run(adopt: readonly string[]): Outcome[] {
  const matcher = createMatcher(toMatchableItems(demoCatalogs(adopt)));
  return CASES.map(({ q, want }) => {
    const r = matcher.match(q, WORK_KINDS);
    return {
      q,
      want,
      got: r.best?.code ?? null,
      top: r.candidates[0]?.code ?? null,
      score: r.candidates[0]?.score ?? null,
    };
  });
}

const right = (o: Outcome) => o.got !== null && o.want.includes(o.got);
const describeMiss = (o: Outcome) => `${o.q} → ${o.top ?? '无候选'}${o.score === null ? '' : ` ${o.score}`}`;

const adoptions = loadDemoAdoptions();
const withAdoptions = run(adoptions.adopt);
const defaultsOnly = run([]);

describe('everyday ledger wording against the demo district’s duty and assistance lists', () => {
  it('adopts only shipped duty and assistance reference lists for 上党区', () => {
    expect(adoptions.region).toBe('140404');
    const byId = new Map(loadSeedCatalogs().map((c) => [c.id, c]));
    for (const id of adoptions.adopt) expect(WORK_KINDS).toContain(byId.get(id)!.kind);
    expect(adoptions.note).toMatch(/参考.*待导入.*官方附件后停用/);
  });

  it('names only items the demo district has in force', () => {
    const codes = new Set(toMatchableItems(demoCatalogs(adoptions.adopt)).map((i) => i.code));
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    for (const c of CASES) for (const code of c.want) expect(codes, `${c.q}: ${code}`).toContain(code);
  });

  it('reaches the lawful item above the threshold for at least 30 of the names (floor; misses listed on failure)', () => {
    const hits = withAdoptions.filter(right);
    const misses = withAdoptions.filter((o) => o.want.length > 0 && !right(o)).map(describeMiss);
    expect(hits.length, `misses: ${misses.join('；')}`).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['优抚对象走访', '抚恤优待'],
    ['反诈宣传', '电信网络诈骗'],
    ['扫黑除恶宣传', '有组织犯罪'],
    ['疫情防控', '传染病防控'],
    ['综治维稳', '社会治安'],
    ['垃圾分类宣传', '固体废物'],
    ['村务公开', '公开'],
    ['定期公布财务账目', '公开'],
  ])('reads the everyday work-affair word in %s as the statutes’ %s', (q, canon) => {
    expect(canonicalTerms(q)).toContain(canon);
  });

  it('the adopted lists turn names that matched nothing lawful into matches', () => {
    const before = defaultsOnly.filter(right).length;
    const after = withAdoptions.filter(right).length;
    expect(before).toBeLessThanOrEqual(6);
    expect(after - before).toBeGreaterThanOrEqual(15);
  });
});
