/**
 * The vocabulary of the prohibition rules (rules.ts): word groups ({村} …), the sections a rule may read,
 * the negations that cancel a word, and the Chinese help text of the pattern field. The platform's own
 * wording, not official text; every pattern using a group changes with it.
 */

/**
 * Word groups usable as {名称} in a pattern: everyday wording of the same thing. The platform's own
 * vocabulary (not official text); extend with care, every pattern using the group changes with it.
 */
export const WORD_GROUPS: Record<string, { note: string; words: string[] }> = {
  村: {
    note: '村级组织及其常见说法',
    words: [
      '村级组织',
      '村级',
      '村委会',
      '村委',
      '村两委',
      '村"两委"',
      '村民委员会',
      '村党支部',
      '村党组织',
      '村集体',
      '村干部',
      '村支书',
      '村书记',
      '村主任',
      '行政村',
      '各村',
      '每村',
      '全村',
      '本村',
      '村(社区)',
      '村(居)',
      '村居',
      '社区',
      '居委会',
      '村民小组',
      '村组',
      '网格',
      '到村',
      '村里',
      '村内',
    ],
  },
  村民: {
    note: '村民、农户',
    words: ['村民', '农户', '农民', '群众', '村(居)民', '居民', '每户', '户均', '家家户户', '党员群众'],
  },
  签: { note: '签订', words: ['签订', '签署', '签定', '签下', '签', '层层签'] },
  责任状: {
    note: '责任状及其变体',
    words: ['责任状', '责任书', '目标责任书', '目标管理责任书', '承诺书', '保证书', '军令状', '承诺函', '责任协议书'],
  },
  否决: {
    note: '一票否决及其变相说法',
    words: [
      '一票否决',
      '一票否定',
      '一票否',
      '一律不得评先',
      '不得评先评优',
      '不得评优评先',
      '不得参加评先',
      '不得参与评先',
      '取消评先',
      '取消评优',
      '取消年度评先',
      '取消当年评先',
      '评先评优资格',
      '实行否决',
      '直接定为不合格',
      '直接评定为不合格',
      '年度考核定为不称职',
    ],
  },
  指标: {
    note: '任务指标、数量要求',
    words: [
      '任务指标',
      '指标',
      '任务数',
      '任务量',
      '目标任务',
      '硬任务',
      '定额',
      '配额',
      '份额',
      '销售任务',
      '征订任务',
      '认购任务',
      '摊派',
      '分摊',
      '包干',
      '下达任务',
      '分解任务',
      '任务分解',
      '分配任务',
    ],
  },
  上传: {
    note: '上传、报送（照片、视频等）',
    words: ['上传', '上报', '报送', '提交', '发送', '发至', '发到', '发在', '发布到', '晒', '传至', '传到'],
  },
  照片: {
    note: '照片、视频、截图等影像',
    words: [
      '照片',
      '图片',
      '相片',
      '截图',
      '截屏',
      '视频',
      '录像',
      '影像',
      '影像资料',
      '现场图',
      '工作场景',
      '工作照',
      '工作痕迹',
      '轨迹',
      '定位',
    ],
  },
  考核: {
    note: '考核、评比、排名',
    words: [
      '考核',
      '考评',
      '评比',
      '评分',
      '计分',
      '打分',
      '排名',
      '排位',
      '排序',
      '通报',
      '晾晒',
      '纳入年终',
      '纳入年度',
      '年终考',
      '绩效',
      '挂钩',
      '评先',
      '评优',
    ],
  },
  应用: {
    note: '政务应用程序、小程序、公众号',
    words: [
      'app',
      '客户端',
      '小程序',
      '应用程序',
      '软件',
      '公众号',
      '视频号',
      '抖音号',
      '平台',
      '学习强国',
      '手机端',
      '移动端',
      '钉钉',
      '企业微信',
    ],
  },
};

/** Section names a pattern may be scoped to ([表格] …). */
export const SECTIONS = ['title', 'description', 'form', 'post', 'board'] as const;
export type SectionKind = (typeof SECTIONS)[number];
export const SECTION_LABELS: Record<SectionKind, string> = {
  title: '标题',
  description: '说明',
  form: '表格',
  post: '专岗',
  board: '牌子',
};
export const SECTION_BY_LABEL = new Map<string, SectionKind>([
  ...SECTIONS.map((s) => [SECTION_LABELS[s], s] as [string, SectionKind]),
  ['事项说明', 'description'],
  ['正文', 'description'],
  ['报表', 'form'],
  ['专人专岗', 'post'],
  ['岗位', 'post'],
  ['标识牌', 'board'],
]);

/** Negations that cancel a word after them in the same clause. */
export const NEGATORS = [
  '不得',
  '严禁',
  '禁止',
  '不准',
  '不许',
  '不再',
  '杜绝',
  '避免',
  '不搞',
  '不设',
  '不签',
  '不要求',
  '不强制',
  '不强求',
  '不作为',
  '不纳入',
  '不列入',
  '不以',
  '不将',
  '不把',
  '无需',
  '无须',
  '不需要',
  '不必',
  '纠正',
  '反对',
];

/** Help text for the pattern field (Chinese, shown in the adjustment form). */
export const PATTERN_HELP = [
  '每行一条识别规则；以“注：”开头的行是注释。',
  '“词A|词B”：出现其中任一词即可。',
  '“条件1 + 条件2”：同一句话中同时出现（不分先后）。',
  '“- 词C|词D”：同一句话中出现这些词时不算。',
  '“{村}”等：平台词组（同义说法），可用词组：' +
    Object.keys(WORD_GROUPS)
      .map((g) => `{${g}}`)
      .join('、') +
    '。',
  '“签订*责任状”：* 代表同一分句内最多 20 个字；“#张”：# 代表一个数字（20、二十等）。',
  '行首“[表格]”：只读表格（可选：标题、说明、表格、专岗、牌子，可写多个，以空格分隔）。',
  '词前同一分句内有“不得、严禁、禁止、不再”等否定词的不算；要查的正是否定说法时，请把否定词写进词里（如“不得评先评优”）。',
].join('\n');
