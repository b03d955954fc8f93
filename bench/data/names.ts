/**
 * Name pools of the province generator. Drawn from the reference catalogs (reference/catalogs/*.json:
 * the national negative certificates, the Shanxi positive certificates, statutory mechanisms, national
 * assistance items, Hubei duty items) and from the burdens the reference documents name (the Shanxi
 * and Hunan prohibitions, the 左权 clean-up of boards and mechanisms), worded as villages write them.
 */
import { loadSeedCatalogs } from '../../src/server/features/catalogs/seed-data.js';
import { REQUESTERS, WORK_AFFAIR_NAMES } from '../../test/fixtures/ledgers/rows.js';

const seed = loadSeedCatalogs();
const itemsOf = (id: string) =>
  seed
    .find((c) => c.id === id)
    ?.items.filter((i) => !i.catchAll)
    .map((i) => i.name) ?? [];

/** Boards outside the office: the four statutory boards (village stem inserted) … */
export const STATUTORY_BOARDS = (stem: string) => [
  `中共${stem}村支部委员会`,
  `${stem}村民委员会`,
  `${stem}村股份经济合作社`,
  `${stem}村务监督委员会`,
];
/** … boards inside the service facility … */
export const INSIDE_BOARDS = (stem: string) => [`${stem}村党群服务中心`, '服务功能综合指引'];
/** … short signs at functional areas … */
export const FUNCTIONAL_SIGNS = [
  '调解室',
  '图书室',
  '文体活动室',
  '卫生室',
  '便民服务窗口',
  '党员活动室',
  '议事室',
  '档案室',
  '电商服务点',
  '警务室',
];
/** … and the departmental boards a clean-up removes or merges (左权: 13 kinds removed, 16 merged). */
export const DEPARTMENT_BOARDS = [
  '禁毒工作站',
  '综治中心',
  '老年协会',
  '妇女之家',
  '关工委工作站',
  '科普活动站',
  '农家书屋',
  '网格化服务站',
  '退役军人服务站',
  '新时代文明实践站',
  '法律顾问工作室',
  '残疾人协会',
  '红白理事会',
  '计生协会',
  '食品安全工作站',
  '安全生产监督站',
  '扶贫工作站',
  '河长公示牌',
  '林长公示牌',
  '人口学校',
];
export const BOARD_ISSUERS = [
  '区禁毒委',
  '区委政法委',
  '区民政局',
  '区妇联',
  '区关工委',
  '区科协',
  '区委宣传部',
  '区退役军人事务局',
  '区司法局',
  '区残联',
  '区卫生健康局',
  '区市场监督管理局',
  '区应急管理局',
  '区水利局',
  '区林业局',
];

/** Mechanisms: statutory (from the catalog) and the ones villages are asked to set up. */
export const STATUTORY_MECHANISMS = itemsOf('statutory-village-mechanisms').length
  ? [
      '人民调解委员会',
      '治安保卫委员会',
      '公共卫生委员会',
      '妇女和儿童工作委员会',
      '村民会议',
      '村民小组',
      '村务监督委员会',
    ]
  : [];
export const OTHER_MECHANISMS = [
  '禁毒工作站',
  '网格化服务管理工作站',
  '扫黑除恶工作领导小组',
  '防汛抗旱指挥部',
  '森林防火领导小组',
  '食品安全工作站',
  '安全生产监管站',
  '新时代文明实践站',
  '老年人协会',
  '红白理事会',
  '道德评议会',
  '禁毒禁赌协会',
  '环境卫生监督小组',
  '护林防火队',
  '应急救援队',
  '矛盾纠纷调处中心',
  '平安建设领导小组',
  '乡村振兴工作队',
];
export const MECHANISM_BASES = [
  '',
  '',
  '',
  '区委办文件',
  '《人民调解法》',
  '《禁毒法》第十三条',
  '晋办发〔2020〕2号',
  '中办发〔2019〕1号',
  '《村民委员会组织法》第七条',
];

export { WORK_AFFAIR_NAMES, REQUESTERS };

/** Certificates: the Shanxi positive list, the national negative list, and common unlisted asks. */
export const POSITIVE_CERTIFICATES = itemsOf('shanxi-2023-village-issued-certificates');
export const NEGATIVE_CERTIFICATES = itemsOf('national-2020-negative-certificates-batch1');
export const UNLISTED_CERTIFICATES = [
  '居住证明',
  '经济困难证明',
  '无房证明',
  '务农证明',
  '收入证明',
  '独生子女证明',
  '宅基地使用证明',
  '外出务工证明',
  '在读证明',
  '房屋产权证明',
];
export const CERTIFICATE_DEMANDERS = [
  '某商业银行',
  '保险公司',
  '派出所',
  '区人力资源和社会保障局',
  '学校',
  '区医疗保障局',
  '法院',
  '房产交易中心',
  '用人单位',
  '区民政局',
];

/** The 12-digit village name without its committee suffix (韩店村委会 → 韩店). */
export const stemOf = (name: string) =>
  name.replace(/(社区居民委员会|社区居委会|村民委员会|村委会|居委会|社区)$/, '').replace(/村$/, '') || name;
