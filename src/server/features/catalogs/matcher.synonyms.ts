/**
 * The matcher's maintained vocabulary: everyday wording → canonical terms.
 *
 * Every surface form below is rewritten to a canonical term before scoring, on both sides (the
 * query and the catalog item names), so "我爸去世了" and "死亡证明" meet on the term 死亡.
 * Roles decide how much a term counts:
 *   core      what a certificate is about (死亡, 婚姻状况 …); a match must hit one of an item's cores
 *   modifier  narrows a core (户口, 证件, 学生 …)
 *   generic   filler found in official names (居民, 情况, 人员 …)
 *   context   who asks or what it is for (银行, 低保, 贷款 …): barely counts, never decides
 *   person    who it is about (我爸, 老人 …)
 *   stop      dropped: verbs of asking, measure words, question frames, the word 证明 itself
 *
 * Canonical core terms that no shipped item uses (居住, 迁移, 在校 …) are deliberate: they name real
 * certificates that are on neither national list, so a query about them stays "unlisted" instead of
 * drifting to a list item that shares a word.
 *
 * Edit with care: a test checks that no surface is defined twice and that every canonical term has a role.
 */

export type TermRole = 'stop' | 'person' | 'context' | 'generic' | 'modifier' | 'core';

export interface ConceptDef {
  canon: string;
  role: TermRole;
  surfaces: string[];
}

/** Phrases that stand for more than one canonical term, e.g. 残疾证 = 残疾状况 + 证件. */
export interface PhraseDef {
  surface: string;
  canon: string[];
}

/** Item-specific hints, keyed by the item's official name. */
export interface ItemHint {
  /** Everyday names of the item; each is matched like an extra name. */
  aliases?: string[];
  /** Canonical terms of which at least one must appear in the query (default: the item's core terms). */
  heads?: string[];
  /**
   * Terms that select the item only as a related candidate (政审 names a review without saying whose:
   * the party-development item is then shown as related, never matched).
   */
  weakHeads?: string[];
  /**
   * Scope: the item is for these people or purposes only. At least one of these canonical terms must
   * also appear in the request, otherwise the item is shown only as a related item below the
   * threshold ("志愿服务证明" is not the student-activity item unless a student is involved).
   */
  scope?: string[];
  /** Why the scope matters, in Chinese (shown in the reason when the scope word is missing). */
  scopeNote?: string;
  /**
   * Rival purposes: when one of these canonical terms is in the request, the item is ruled out and shown
   * only as a related item ("征兵外调" is not party development).
   */
  rivals?: string[];
  /** Shown after the rival word in the reason, in Chinese. */
  rivalNote?: string;
  /**
   * Wording close to the item that the list does not name: such a request gets the item as a related
   * candidate below the threshold (so it stays unlisted), with `note` as the reason.
   */
  related?: { aliases: string[]; note: string };
}

// ───────────────────────── core: national negative list (民发〔2020〕20号) ─────────────────────────
const NEGATIVE_LIST_CONCEPTS: ConceptDef[] = [
  {
    canon: '亲属关系',
    role: 'core',
    surfaces: [
      '亲属关系', '亲属', '亲戚关系', '亲戚', '亲子关系', '亲子', '直系亲属关系', '直系亲属', '直系血亲关系', '直系血亲',
      '旁系亲属', '旁系血亲', '近亲属', '血缘关系', '血亲关系', '血亲', '亲缘关系', '家庭关系', '家庭成员关系', '家庭成员',
      '家属关系', '父子关系', '父子', '父女关系', '父女', '母子关系', '母子', '母女关系', '母女', '夫妻关系', '夫妻',
      '兄弟关系', '兄弟姐妹关系', '姐妹关系', '兄妹关系', '兄妹', '姐弟关系', '姐弟', '祖孙关系', '祖孙', '子女关系',
      '父母子女关系', '婆媳关系', '翁婿关系', '赡养关系', '抚养关系', '扶养关系', '供养关系', '一家人', '亲生', '关系',
      '家庭人口', '私生子', '非婚生子女', '非婚生', '继子女', '养子女', '继父', '继母', '养父', '养母',
    ],
  },
  {
    canon: '身份信息',
    role: 'core',
    surfaces: [
      '身份信息', '身份', '身份证明', '户籍证明', '户口证明', '户籍信息', '户口信息', '户籍所在地', '户口所在地', '户籍地',
      '同一人', '同一个人', '系同一人', '为同一人', '是同一人', '是同一个人', '同一人员', '曾用名', '名字不一致', '姓名不一致',
      '信息不一致', '不一致', '籍贯', '公民身份', '身份证号', '身份证号码', '本人身份', '农民身份', '居民身份', '是本人', '本人证明',
    ],
  },
  {
    canon: '变更',
    role: 'core',
    surfaces: [
      '变更', '更正', '更改', '修改', '改正', '改名', '改名字', '更名', '改姓', '改年龄', '改生日', '改民族', '写错', '登错',
      '登记错误', '信息有误', '有误', '错误', '弄错',
    ],
  },
  {
    canon: '养犬',
    role: 'core',
    surfaces: ['养犬', '养狗', '犬只', '犬', '狗', '狗狗', '宠物犬', '宠物狗', '宠物', '犬证', '狗证', '犬类', '养犬登记', '犬只登记'],
  },
  {
    canon: '犯罪记录',
    role: 'core',
    surfaces: [
      '犯罪记录', '无犯罪记录', '无犯罪', '犯罪', '违法犯罪记录', '违法犯罪', '无违法犯罪', '违法记录', '违法', '刑事记录',
      '刑事处罚', '受过处罚', '案底', '前科', '良民证', '良民', '坐过牢', '坐牢', '判过刑', '判刑', '没犯过罪', '犯法',
      '没犯法', '守法', '遵纪守法',
    ],
  },
  {
    canon: '戒毒',
    role: 'core',
    surfaces: [
      '社区戒毒', '社区康复', '戒毒', '吸毒', '戒毒人员', '吸毒人员', '戒毒康复', '强制戒毒', '强制隔离戒毒', '涉毒', '吸毒史',
      '康复人员',
    ],
  },
  {
    canon: '失踪',
    role: 'core',
    surfaces: [
      '失踪', '人员失踪', '下落不明', '走失', '失联', '失去联系', '联系不上', '联系不到', '人找不到', '找不到人', '不知去向',
      '离家出走', '出走', '宣告失踪', '去向不明', '走丢', '走散', '走失了',
    ],
  },
  {
    canon: '婚姻状况',
    role: 'core',
    surfaces: [
      '婚姻状况', '婚姻状态', '婚姻情况', '婚姻', '结婚', '已婚', '未婚', '离婚', '离异', '单身', '丧偶', '再婚', '未再婚',
      '没再婚', '没有再婚', '没结婚', '没有结婚', '没结过婚', '结过婚', '改嫁', '婚否', '婚史', '无配偶', '有配偶', '配偶',
      '结婚登记', '婚姻登记', '初婚', '复婚', '事实婚姻', '光棍',
    ],
  },
  {
    canon: '出生',
    role: 'core',
    surfaces: [
      '出生', '出生日期', '出生年月', '出生年月日', '出生时间', '出生地', '出生地点', '出生情况', '出生医学证明', '出生医学',
      '生日', '年龄', '岁数', '生于', '出生登记', '出生年份',
    ],
  },
  {
    canon: '健在',
    role: 'core',
    surfaces: [
      '健在', '在世', '活着', '还活着', '仍健在', '生存', '生存状态', '生存认证', '存活', '尚在人世', '人还在', '还在世',
      '没去世', '没有去世', '没死', '活人', '资格认证', '领取资格认证', '待遇领取资格认证', '待遇资格认证', '养老认证', '养老金认证',
    ],
  },
  {
    canon: '死亡',
    role: 'core',
    surfaces: [
      '死亡', '死了', '死去', '去世', '过世', '亡故', '离世', '身故', '逝世', '病故', '病逝', '已故', '故去', '辞世', '不在了',
      '死因', '死亡原因', '死亡时间', '非正常死亡', '意外死亡', '正常死亡', '自然死亡', '因病死亡', '死者', '亡人', '过身',
    ],
  },
  {
    canon: '疾病状况',
    role: 'core',
    surfaces: [
      '疾病状况', '疾病', '病', '患病', '生病', '得病', '有病', '病情', '重病', '大病', '重大疾病', '慢性病', '病史', '病症',
      '精神病', '精神疾病', '精神障碍', '身体状况', '健康状况', '身体健康', '健康', '身体不好', '住院', '看病', '就医', '治病',
      '卧床', '瘫痪', '癌症', '体弱多病', '患有',
    ],
  },
  {
    canon: '残疾状况',
    role: 'core',
    surfaces: ['残疾状况', '残疾', '残疾人', '伤残', '残废', '残障', '病残', '残疾等级', '残疾程度'],
  },
  {
    canon: '婚育状况',
    role: 'core',
    surfaces: [
      '婚育状况', '婚育', '婚育情况', '生育', '生育状况', '生育情况', '计划生育', '计生', '独生子女', '独生', '独子', '独女',
      '生孩子', '生小孩', '生过孩子', '没生孩子', '未生育', '未育', '无子女', '子女情况', '子女数', '几个孩子', '二孩', '二胎',
      '三孩', '三胎', '超生', '节育', '结扎', '上环', '避孕', '孕情', '怀孕', '孕检', '准生', '生育登记', '生育服务',
      '流动人口婚育', '初育', '只生了', '只生一个', '只有一个孩子', '生了几个', '生了一个',
    ],
  },
  {
    canon: '就业状况',
    role: 'core',
    surfaces: [
      '就业状况', '就业情况', '就业', '失业', '无业', '待业', '下岗', '无工作', '没工作', '没有工作', '没上班', '工作', '在职',
      '在岗', '务工', '打工', '外出务工', '上班', '职业', '无职业', '无固定职业', '灵活就业', '劳动关系', '务农', '在家务农',
      '种地', '退休', '离职', '辞职', '工作单位', '从业', '赋闲', '就业困难', '就业困难人员', '用工',
    ],
  },
  {
    canon: '个人档案',
    role: 'core',
    surfaces: ['个人档案', '人事档案', '档案', '学籍档案', '存档'],
  },
  {
    canon: '财产',
    role: 'core',
    surfaces: [
      '财产', '财产状况', '个人财产', '家庭财产', '名下财产', '资产', '存款', '银行存款', '房产', '房屋产权', '房屋所有权', '产权',
      '不动产', '房屋', '房子', '住房', '无房', '没房', '没有房', '没有房子', '无住房', '住房困难', '权属', '房屋权属', '所有权',
      '产权人', '房主', '房屋所有人', '车辆', '无车', '汽车', '家底', '名下', '名下无房',
    ],
  },
  {
    canon: '继承',
    role: 'core',
    surfaces: [
      '继承', '继承权', '遗产继承', '遗产继承权', '遗产', '继承人', '法定继承人', '放弃继承', '放弃继承权', '放弃遗产', '分遗产',
      '遗产分割', '遗嘱', '遗嘱继承', '继承遗产',
    ],
  },
  {
    canon: '住所',
    role: 'core',
    surfaces: [
      '住所', '市场主体住所', '经营场所', '经营地址', '经营地', '营业场所', '营业地址', '办公场所', '生产经营场所', '注册地址',
      '注册地', '场地使用', '场地', '场所', '门面', '店面', '商铺', '铺面', '厂房',
    ],
  },
  {
    canon: '遗失',
    role: 'core',
    surfaces: [
      '遗失', '丢失', '丢了', '弄丢', '搞丢', '丢', '掉了', '找不到', '不见了', '补办', '补领', '被盗', '被偷', '偷了', '失窃',
      '损毁', '毁损', '损坏', '挂失',
    ],
  },
];

// ───────────────────────── core: Shanxi positive list (2023) ─────────────────────────
const POSITIVE_LIST_CONCEPTS: ConceptDef[] = [
  {
    canon: '报到',
    role: 'core',
    surfaces: ['报到', '社区报到', '居住地报到', '到社区报到', '进社区报到', '回村报到', '到村报到', '报到情况'],
  },
  {
    canon: '入党',
    role: 'core',
    surfaces: [
      '入党', '申请入党', '入党申请', '入党积极分子', '积极分子', '发展对象', '发展党员', '党员发展', '预备党员', '入党培养',
      '预备党员转正',
    ],
  },
  // 外调 / 函调: an inquiry by the party organisation (or an employer) into a person's record, by visit or letter.
  { canon: '外调', role: 'core', surfaces: ['外调', '函调', '外调函', '函调函', '外调材料', '函调材料'] },
  {
    canon: '收养',
    role: 'core',
    surfaces: ['收养', '领养', '抱养', '过继', '收养人', '领养人', '被收养人', '收养登记', '收养状况', '收养情况', '收养关系', '领养关系'],
  },
  {
    canon: '抚养能力',
    role: 'core',
    surfaces: ['抚养能力', '抚养教育能力', '抚养条件', '抚育能力', '教育能力', '抚养教育'],
  },
  {
    canon: '活动',
    role: 'core',
    surfaces: [
      '参加活动', '参与活动', '活动情况', '活动', '实践活动', '志愿服务', '志愿者', '志愿活动', '义工', '公益活动', '实践',
      '志愿服务活动', '公益服务',
    ],
  },
];

// ───────────── core: real certificates on neither list (keep them from drifting to a list item) ─────────────
const UNLISTED_CONCEPTS: ConceptDef[] = [
  { canon: '居住', role: 'core', surfaces: ['居住', '住址', '暂住', '常住', '居住证', '住宿', '同住', '租住', '实际居住', '居住情况', '家庭住址', '现住址', '地址'] },
  { canon: '迁移', role: 'core', surfaces: ['迁移', '迁出', '迁入', '户口迁移', '准迁', '迁户口', '迁户', '户口迁出', '户口迁入', '转户口', '户籍迁移'] },
  { canon: '落户', role: 'core', surfaces: ['落户', '上户口', '入户', '报户口', '补录户口', '上户'] },
  { canon: '租赁', role: 'core', surfaces: ['租赁', '租房', '出租', '房屋租赁', '租房合同', '租用'] },
  { canon: '在校', role: 'core', surfaces: ['在校', '在读', '就读', '学籍', '在校就读', '上学情况'] },
  { canon: '宅基地', role: 'core', surfaces: ['宅基地'] },
  { canon: '土地', role: 'core', surfaces: ['土地', '承包地', '土地承包', '承包', '林地', '林权', '耕地'] },
  { canon: '监护', role: 'core', surfaces: ['监护', '监护人', '监护关系', '指定监护'] },
  { canon: '抚养', role: 'core', surfaces: ['抚养', '赡养', '扶养', '供养'] },
  { canon: '殡葬', role: 'core', surfaces: ['火化', '殡葬', '丧葬', '安葬', '埋葬', '土葬'] },
  { canon: '灾害', role: 'core', surfaces: ['受灾', '火灾', '灾害', '灾情', '水灾', '房屋倒塌', '倒塌', '危房'] },
  { canon: '见义勇为', role: 'core', surfaces: ['见义勇为'] },
  { canon: '宗教信仰', role: 'core', surfaces: ['宗教', '信仰', '宗教信仰'] },
  { canon: '兵役', role: 'core', surfaces: ['退役', '退伍', '服役', '兵役', '军人', '军属'] },
  { canon: '疫苗接种', role: 'core', surfaces: ['疫苗', '接种', '预防接种'] },
  { canon: '违法建筑', role: 'core', surfaces: ['违章建筑', '违建', '违法建设', '违法建筑'] },
  { canon: '信用', role: 'core', surfaces: ['信用', '征信'] },
  { canon: '组织关系', role: 'core', surfaces: ['组织关系', '党组织关系', '党员关系'] },
  { canon: '党员身份', role: 'core', surfaces: ['党员身份', '政治面貌'] },
  { canon: '实习', role: 'core', surfaces: ['实习'] },
  { canon: '学历', role: 'core', surfaces: ['学历', '毕业'] },
  { canon: '民族', role: 'modifier', surfaces: ['民族', '民族成分'] },
  { canon: '调解', role: 'core', surfaces: ['调解', '人民调解', '纠纷', '民间纠纷', '邻里纠纷'] },
  { canon: '集体成员', role: 'core', surfaces: ['集体经济组织成员', '集体经济组织成员身份', '集体成员', '成员身份', '成员资格', '村民小组成员', '社员', '股东资格', '股份'] },
  { canon: '劳动能力', role: 'core', surfaces: ['劳动能力', '丧失劳动能力', '劳动能力鉴定'] },
  { canon: '儿童保障', role: 'core', surfaces: ['孤儿', '留守儿童', '困境儿童', '事实无人抚养儿童', '无人抚养'] },
  // Probation is not drug rehabilitation (CN-NEG-2020-06): the qualifier changes the item.
  { canon: '社区矫正', role: 'core', surfaces: ['社区矫正', '矫正', '社区服刑', '缓刑', '假释', '矫正人员', '社区矫正人员'] },
  { canon: '房屋安全', role: 'core', surfaces: ['房屋安全', '房屋安全鉴定', '安全鉴定', '危房鉴定', '房屋鉴定'] },
  // Family background (出身) is a political-review term; it must not be read as a slip for 出生.
  { canon: '出身', role: 'core', surfaces: ['出身', '家庭出身', '家庭成分', '成分', '个人成分'] },
  { canon: '参保', role: 'core', surfaces: ['参保', '参保缴费', '社保缴纳', '参保情况'] },
  // A graduate's employment registration card (就业报到证) is not a party member's 报到 (SX-CERT-2023-01).
  { canon: '就业报到证', role: 'core', surfaces: ['报到证', '就业报到证', '毕业生报到证', '派遣证'] },
];

// ───────── related: close to a list item but not named by it (stays unlisted, the item is only a hint) ─────────
/**
 * Income and economic hardship. The national negative list (民发〔2020〕20号) names 居民财产证明 — a
 * person's property and assets (real estate, deposits, vehicles) — and no income or hardship
 * certificate. Several provinces list 收入证明, 家庭经济困难证明 and 贫困证明 as items of their own, and
 * some local rules still have villages certify agricultural income, so the national item is not read
 * as covering them. Decision (hold-out review): such a request is unlisted, and 居民财产证明 is
 * returned as a related candidate below the threshold so the desk can show "相近事项：居民财产证明".
 * Revisit if the Shanxi/上党区 list names income or hardship certificates.
 */
const RELATED_CONCEPTS: ConceptDef[] = [
  {
    canon: '经济状况',
    role: 'core',
    surfaces: [
      '收入', '收入情况', '收入状况', '年收入', '月收入', '家庭收入', '人均收入', '工资', '工资收入', '薪资', '经济状况', '经济情况',
      '经济条件', '家庭经济状况', '家庭经济情况', '家庭经济', '经济困难', '家庭经济困难', '家庭困难', '家庭贫困', '生活困难',
      '困难', '贫困', '贫穷', '穷', '低收入', '收入低', '没有收入', '无收入', '所得', '财力', '困难户', '贫困户', '建档立卡',
      '经济来源', '无经济来源', '家境', '困难家庭', '贫困家庭', '特困家庭', '农业收入', '务农收入', '个人收入',
    ],
  },
];

// ───────────────────────── modifiers, generic words, context, persons ─────────────────────────
const MODIFIER_CONCEPTS: ConceptDef[] = [
  { canon: '户口', role: 'modifier', surfaces: ['户口', '户籍', '户口登记', '户口关系', '户籍关系'] },
  { canon: '姓名', role: 'modifier', surfaces: ['姓名', '名字'] },
  {
    canon: '证件',
    role: 'modifier',
    surfaces: [
      '证件', '证', '证书', '身份证', '居民身份证', '身份证件', '户口本', '户口簿', '户籍簿', '结婚证', '离婚证', '驾驶证',
      '驾照', '行驶证', '护照', '港澳通行证', '通行证', '学生证', '毕业证', '学位证', '工作证', '社保卡', '医保卡', '银行卡',
      '存折', '军官证', '退伍证', '老年证', '资格证',
    ],
  },
  { canon: '表现', role: 'modifier', surfaces: ['表现', '现实表现', '表现情况'] },
  { canon: '康复', role: 'modifier', surfaces: ['康复'] },
  { canon: '党员', role: 'modifier', surfaces: ['党员', '在职党员', '党员干部', '共产党员', '干部', '在职党员干部'] },
  { canon: '居住地', role: 'modifier', surfaces: ['居住地'] },
  { canon: '学生', role: 'modifier', surfaces: ['学生', '大学生', '中学生', '小学生', '在校生', '在校学生'] },
  {
    canon: '市场主体',
    role: 'modifier',
    surfaces: [
      '市场主体', '个体户', '个体工商户', '企业', '合作社', '商户', '小卖部', '小卖店', '商店', '超市', '饭店', '饭馆', '餐馆',
      '餐饮店', '理发店', '作坊', '养殖场', '加工厂', '门店', '网店', '店铺',
    ],
  },
  // 政审 names a review, not whose: party development, conscription, civil-service hiring … On its own
  // it selects nothing; SX-CERT-2023-02 needs 入党 / 发展党员 / 外调 with it.
  { canon: '政审', role: 'modifier', surfaces: ['政审', '政治审查', '政治审核', '政治考核', '政治考察', '政审表', '政审材料'] },
];

/** Each of these words is its own canonical term (they are not synonyms of one another). */
const GENERIC_WORDS: string[] = [
      '情况', '状况', '信息', '事项', '内容', '项目', '登记', '记录', '相关', '有关', '材料', '说明', '情况说明', '原因', '反馈',
      '证明材料', '其他', '家庭', '居民', '人员', '依法依规', '需要出具', '依法', '依规', '申请表', '表格', '表', '单', '清单',
      '具体', '方面', '问题', '资料', '状态', '时间', '放弃', '非', '正常',
      // words that hold a character used alone as a stop word (用, 能, 等, 所, 地, 以, 之, 对 …)
      '使用', '费用', '能力', '等级', '措施', '所有', '所在地', '所在', '有效', '期间', '以上', '以下', '以前', '以后', '之前',
      '之后', '之间', '对象', '地点', '地区', '当地', '本地', '外地', '异地', '出售', '出资', '社会', '协助', '做好', '人民', '人民政府',
      // paperwork words: the form a certificate takes, not what it is about
      '鉴定', '鉴定表', '鉴定意见', '函', '存放', '存放地', '反馈表', '情况表', '登记表', '审批表', '意见', '评价', '组织', '考察', '考核',
      '时长', '服务时长', '小时', '学时',
      // how long: 好几天, 多年 …
      '几天', '好几天', '多年', '好多年', '几年', '好几年', '长期', '多久',
];

const CONTEXT_WORDS: string[] = [
      '银行', '保险', '保险公司', '公司', '单位', '用人单位', '派出所', '公安局', '公安', '法院', '公证', '公证处', '律师',
      '医院', '学校', '民政', '民政局', '人社局', '社保', '社保局', '社保关系', '医保', '医疗', '养老', '养老金', '养老保险',
      '退休金', '低保', '低保户', '特困', '特困人员', '五保', '五保户', '救助', '医疗救助', '临时救助', '补贴', '补助', '贷款',
      '房贷', '车贷', '助学贷款', '助学金', '奖学金', '报销', '理赔', '赔偿', '拆迁', '拆迁补偿', '补偿', '上学', '入学', '升学',
      '转学', '高考', '考试', '参军', '当兵', '入伍', '征兵', '公务员', '考公', '招聘', '入职', '录用', '出国', '签证', '移民',
      '过户', '办证', '开户', '销户', '取钱', '取款', '取存款', '领钱', '转账', '公积金', '税务', '用途', '手续', '事业单位', '政府', '乡镇',
      '镇上', '镇里', '街道', '上级', '部门', '人家', '对方', '开店', '扶贫', '营业', '办事', '业务', '领取', '申领', '资格',
      '认定', '审核', '核实', '人口普查', '奖励', '扶助', '奖励扶助', '光荣', '津贴', '高龄津贴', '最低生活保障', '廉租房', '公租房',
      '保障房', '保障性住房', '寒暑假', '暑假', '寒假', '假期', '探亲', '待遇', '优待', '抚恤',
      '暑期', '寒暑期', '考研', '研究生', '招录', '招考', '考编', '出境', '军校', '警校',
      // purposes that follow a death, a move or a loss: they say what the certificate is for
      '注销', '注销户口', '户口注销', '销户口', '注销户籍', '认证', '党委', '党支部', '党组织', '组织部', '组织上',
];

const PERSON_WORDS: string[] = [
      '我', '我们', '本人', '自己', '他', '她', '他们', '她们', '你', '您', '爸', '爸爸', '我爸', '老爸', '父亲', '妈', '妈妈',
      '我妈', '老妈', '母亲', '父母', '爹', '娘', '爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '老人', '老人家', '老年人',
      '儿子', '女儿', '孩子', '小孩', '子女', '孙子', '孙女', '丈夫', '妻子', '老公', '老婆', '爱人', '媳妇', '哥哥', '姐姐',
      '弟弟', '妹妹', '兄弟', '姐妹', '家人', '亲人', '家属', '家里', '我家', '家里人', '村民', '群众', '老百姓', '某某', '张三',
      '李四', '王五', '当事人', '申请人', '户主', '人', '大爷', '大妈', '邻居', '同事', '朋友', '本村', '村里人', '个人', '公民',
      '老伴', '婴儿', '新生儿', '宝宝', '小孩子', '未成年人', '成年人', '男方', '女方', '哥', '姐', '弟', '妹', '我哥', '我姐',
      '我弟', '我妹', '老两口', '妇女', '儿童', '公公', '婆婆', '岳父', '岳母', '舅舅', '叔叔', '姑姑', '阿姨', '侄子', '外甥',
];

/**
 * Kinship words. A request with no subject but a "X 是 Y" frame between two persons, one of them kin
 * ("证明我妈是我妈", "证明他是我儿子"), is a request for a kinship certificate.
 */
export const KIN_WORDS: string[] = [
  '爸', '爸爸', '我爸', '老爸', '父亲', '妈', '妈妈', '我妈', '老妈', '母亲', '父母', '爹', '娘', '爷爷', '奶奶', '外公', '外婆',
  '姥姥', '姥爷', '儿子', '女儿', '孩子', '孙子', '孙女', '丈夫', '妻子', '老公', '老婆', '爱人', '媳妇', '哥哥', '姐姐', '弟弟',
  '妹妹', '兄弟', '姐妹', '哥', '姐', '弟', '妹', '我哥', '我姐', '我弟', '我妹', '公公', '婆婆', '岳父', '岳母', '舅舅', '叔叔',
  '姑姑', '侄子', '外甥', '子女', '老伴',
];
/** The copula of that frame. */
export const KIN_FRAME_WORDS: string[] = ['是', '就是', '系'];
/** The term a kin frame stands for. */
export const KIN_TERM = '亲属关系';

/** The words that name a certificate; what stands right before one of them is the certificate's subject. */
export const CERTIFICATE_WORDS: string[] = ['证明', '证明书', '证明信', '证明函', '证明文件', '证明单'];

/** Affixes, verbs of asking, measure words, question frames and the word 证明 itself. */
export const STOP_PHRASES: string[] = [
  // the certificate words
  ...CERTIFICATE_WORDS, '一纸证明',
  // asking / issuing verbs
  '开具', '出具', '开', '出', '办', '办理', '申请', '打', '写', '盖章', '盖个章', '盖', '章', '签字', '签章', '提供', '出示',
  '开个', '开张', '开份', '开一个', '开一张', '开一份', '出个', '办个', '打个', '弄个', '弄', '搞', '给开', '给我开', '帮忙开',
  '要开', '要求开', '让开', '让我开', '叫我开', '要我开', '需要开', '得开', '去开', '来开',
  // wanting / needing
  '要', '需要', '需', '想', '我想', '想要', '必须', '得', '要求', '让', '叫', '求', '领',
  // politeness and addressing
  '请', '请问', '麻烦', '麻烦您', '帮我', '帮忙', '帮', '给', '给我', '谢谢', '您好', '你好', '老师', '书记', '主任', '村长',
  '同志', '领导', '工作人员',
  // who is asked
  '村里', '村委会', '村委', '居委会', '村上', '咱村', '咱们村', '我们村', '村两委', '村支部', '社区', '你们', '这里', '这边',
  '村干部',
  // measure words and determiners
  '个', '份', '张', '一个', '一份', '一张', '一下', '下', '这个', '那个', '这种', '那种', '一种', '类', '之类', '这类',
  // question frames
  '能不能', '能否', '可不可以', '可以', '能', '会', '吗', '么', '嘛', '呢', '啊', '呀', '吧', '哦', '噢', '呗', '怎么',
  '怎么办', '怎么开', '怎样', '如何', '哪里', '去哪', '去哪里', '在哪', '在哪里', '谁', '什么', '啥', '哪些', '哪个', '是否',
  '有没有', '是不是', '行不行', '行吗', '好吗', '可否', '能开吗', '给开吗', '开不开', '还能', '还可以',
  // function words
  '的', '地', '了', '过', '着', '就', '还', '都', '也', '和', '与', '及', '以及', '或', '或者', '等', '跟', '对', '把', '被',
  '为', '为了', '因为', '所以', '由于', '关于', '用', '用的', '要的', '需要的', '用于', '是', '就是', '系', '在', '有', '无', '没有', '没',
  '从来', '从未', '从没', '从不', '曾经', '上', '来', '上来',
  '未', '不', '不是', '很', '非常', '比较', '特别', '已经', '已', '现在', '今天', '马上', '急', '急用', '着急', '一起', '一直',
  '到', '从', '向', '这', '那', '其', '该', '此', '之', '所', '以', '于', '而', '且', '并', '又', '再', '才', '刚', '先',
  '复印件', '原件', '模板', '范本', '样本', '格式', '范文', '写法', '怎么写', '一式两份', '加急', '尽快',
];

/**
 * Character folding applied to every text before segmentation (after NFKC): traditional and variant forms
 * → the simplified form used by the vocabulary and the catalogs. Each group is a simplified character
 * followed by the forms folded onto it (親屬關係證明 → 亲属关系证明, Japanese 証/戸/査 included). The
 * table covers the characters of the vocabulary, of the catalog names and of common request wording; it
 * is static (no converter dependency). A form that is also an ordinary simplified character with a
 * meaning of its own (著 in 著名, 台 …) is not folded; rare ones (乾, 於) are, which only ever merges them
 * with their simplified counterpart for matching.
 */
export const VARIANT_CHARS: string[] = [
  '亲親 属屬 关關 系係繫 缘緣 员員 孙孫 赡贍 养養 抚撫 继繼 证證証 户戶戸 个個箇 为為爲 贯貫 号號 码碼 农農 变變 龄齡 写寫 错錯 记記 误誤 只隻 宠寵 类類 录錄 无無 违違 处處',
  '罚罰 过過 没沒 纪紀 区區 复復複 强強 制製 离離 踪蹤 联聯 状狀 况況 态態 结結 异異 单單 丧喪 实實 时時 间間 点點 医醫 学學 岁歲歳 数數 于於 还還 认認 资資 领領 辞辭 症癥',
  '碍礙 体體 卧臥 床牀 瘫癱 痪瘓 残殘 伤傷 废廢 级級 计計 划劃 独獨 几幾 节節 扎紮 环環 怀懷 检檢 准準 务務 动動 业業 岗崗 职職 灵靈 劳勞 种種 从從 赋賦 闲閑閒 难難 档檔',
  '财財 产產 经經 济濟 条條 贫貧 穷窮 银銀 权權 车車 辆輛 来來 遗遺 弃棄 嘱囑 场場 营營 办辦 注註 册冊 门門 面麵 铺鋪 厂廠 见見 补補 盗盜 窃竊 损損 坏壞 挂掛 报報 双雙',
  '进進 党黨 请請 积積 极極 发發髮 对對 预預 备備 调調 审審 查査 参參 与與 会會 践踐 愿願 义義 乡鄉 暂暫 际際 现現 迁遷 转轉 赁賃 读讀 监監 护護 殡殯 灾災 军軍 筑築 设設',
  '征徵 组組 织織 习習 历歷曆 毕畢 纠糾 纷紛 邻鄰 里裡裏 东東 鉴鑒鑑 儿兒 书書 驾駕 驶駛 折摺 表錶 干幹乾 项項 内內 说說 馈饋 规規 问問 题題 费費 后後 当當 协協 险險 师師',
  '疗療 临臨 贴貼 贷貸 奖獎 销銷 赔賠 偿償 试試 国國 签簽 开開 钱錢 账賬帳 税稅 续續 镇鎮 励勵 荣榮 优優 们們 妈媽 爷爺 爱愛 妇婦 众眾衆 张張 婴嬰 宝寶 两兩 侄姪 执執 纸紙',
  '盖蓋 给給 帮幫 让讓 须須 烦煩 谢謝 长長 导導 这這 边邊 吗嗎 么麼麽 呗唄 样樣 谁誰 较較 别別 马馬 该該 并並 刚剛 板闆 范範 尽盡儘 据據 细細 传傳 布佈 咨諮 询詢 卫衛 应應',
  '机機 托託 访訪 评評 议議 选選 举舉 换換 届屆 县縣 统統 构構 将將 责責 担擔 彻徹 线線 针針 决決 讨討 论論 宪憲 严嚴 识識 运運 谐諧 约約 减減 练練 递遞 摊攤 创創 杂雜',
  '订訂 阅閱 标標 诉訴 确確 台臺檯颱 专專 网網 络絡 击擊 头頭 买買 卖賣 楼樓 听聽 话話 电電 邮郵 简簡 坟墳 寿壽 药藥 兴興 冲衝 队隊 讯訊 缴繳 纳納 层層 验驗 测測 画畫 谷穀',
  '粮糧 围圍 团團 志誌 归歸 猫貓 饲飼 够夠 旧舊 称稱 谓謂 狱獄 购購 华華 侨僑 湾灣 广廣 讼訟 术術 语語 饭飯 馆館 仅僅 闻聞 闭閉 陈陳 刘劉 赵趙 黄黃 吴吳 郑鄭 杨楊 韩韓',
  '冯馮 邓鄧 许許 罗羅 叶葉 苏蘇 卢盧 蒋蔣 贾賈 钟鐘鍾 齐齊 龙龍 凤鳳 贵貴 宾賓 厅廳 厕廁 园園 图圖 圣聖 块塊 坚堅 尘塵 墙牆 壮壯 声聲 夹夾 夺奪 奋奮 妆妝 娱娛 宁寧 宫宮',
  '宽寬 寻尋 尔爾 尝嘗 岛島 峡峽 币幣 帅帥 带帶 庄莊 庆慶 库庫 弹彈 径徑 忆憶 忧憂 总總 恋戀 恶惡 悬懸 惊驚 惯慣 愤憤 懒懶 战戰 扑撲 扩擴 扫掃 扬揚 扰擾 抢搶 拟擬 拥擁',
  '择擇 挤擠 挥揮 捞撈 掷擲 搀攙 摄攝 摇搖 敌敵 断斷 旷曠 昼晝 显顯 晒曬 晓曉 杀殺 枪槍 柜櫃 栏欄 树樹 桥橋 梦夢 欢歡 欧歐 毁毀 气氣 汇匯 汉漢 沟溝 沪滬 泪淚 泽澤 洁潔',
  '浅淺 浑渾 涂塗 润潤 涨漲 渐漸 温溫 满滿 滚滾 滞滯 灭滅 灯燈 炉爐 炼煉 烂爛 热熱 牵牽 犹猶 狭狹 猎獵 献獻 玛瑪 畅暢 疮瘡 盐鹽 盘盤 眯瞇 睁睜 矿礦 础礎 礼禮 稳穩 竞競',
  '笔筆 笼籠 纯純 纲綱 终終 绕繞 绘繪 绝絕 绩績 维維 综綜 编編 缓緩 缩縮 聪聰 肃肅 胁脅 脏髒臟 脑腦 脚腳 腾騰 舰艦 艺藝 获獲 莲蓮 虑慮 虫蟲 装裝 观觀 视視 览覽 觉覺 训訓',
  '讲講 词詞 译譯 诗詩 诚誠 详詳 诸諸 课課 谈談 谋謀 谱譜 贝貝 负負 贡貢 败敗 货貨 质質 贩販 贪貪 贱賤 贺賀 赏賞 赖賴 赚賺 赛賽 赞贊 赠贈 赶趕 趋趨 跃躍 轨軌 轮輪 软軟',
  '轻輕 载載 辅輔 辈輩 输輸 辖轄 辽遼 达達 远遠 连連 迟遲 适適 酱醬 释釋 钢鋼 铁鐵 链鏈 锁鎖 锻鍛 闪閃 闯闖 闸閘 闹鬧 阳陽 阴陰 阵陣 阶階 陆陸 随隨 隐隱 雾霧 静靜 顶頂',
  '顺順 顾顧 顿頓 频頻 颜顏 额額 风風 飞飛 饮飲 饰飾 饱飽 驱驅 驻駐 骗騙 鱼魚 鸟鳥 鸡雞 麦麥 亚亞 亿億 仓倉 价價 伙夥 伟偉 伦倫 佣傭 侠俠 侣侶 侥僥 侦偵 侧側 债債 倾傾',
  '储儲 兑兌 兰蘭 兽獸 冈岡 冻凍 净淨 凉涼 凭憑 则則 删刪 刹剎 剂劑 剧劇 劝勸 劲勁 势勢 勋勳 却卻 压壓 厌厭 叙敘 叹嘆 吓嚇 吕呂 吨噸 启啟 响響 哑啞 哗嘩 唤喚 啰囉 圆圓',
  '坛壇 坝壩 坠墜 垄壟 垒壘 垦墾 埘塒 堕墮 壳殼 壶壺 夸誇 娄婁 尸屍 岂豈 岭嶺 帘簾 庙廟 庞龐 弯彎 彦彥 忏懺 怜憐 恳懇 恼惱 悦悅 惧懼 惨慘 惩懲 惫憊 戏戲 抛拋 拢攏',
  '拣揀 拦攔 拨撥 挚摯 挡擋 挣掙 捡撿 掳擄 揽攬 搁擱 搂摟 携攜 摆擺 撑撐 撵攆 擞擻 攒攢',
  // look-alikes that are not words of their own in a request: 糸 typed or recognised for 系, 眀 for 明
  '系糸 明眀',
];

export const CONCEPTS: ConceptDef[] = [
  ...NEGATIVE_LIST_CONCEPTS,
  ...POSITIVE_LIST_CONCEPTS,
  ...UNLISTED_CONCEPTS,
  ...RELATED_CONCEPTS,
  ...MODIFIER_CONCEPTS,
  ...wordsAs('generic', GENERIC_WORDS),
  ...wordsAs('context', CONTEXT_WORDS),
  ...wordsAs('person', PERSON_WORDS),
];

function wordsAs(role: TermRole, words: string[]): ConceptDef[] {
  return words.map((w) => ({ canon: w, role, surfaces: [w] }));
}

export const PHRASES: PhraseDef[] = [
  { surface: '残疾证', canon: ['残疾状况', '证件'] },
  { surface: '残疾人证', canon: ['残疾状况', '证件'] },
  { surface: '出生证', canon: ['出生', '证件'] },
  { surface: '准生证', canon: ['婚育状况', '证件'] },
  { surface: '生育服务证', canon: ['婚育状况', '证件'] },
  { surface: '独生子女证', canon: ['婚育状况', '证件'] },
  { surface: '独生子女父母光荣证', canon: ['婚育状况', '证件'] },
  { surface: '房产证', canon: ['财产', '证件'] },
  { surface: '不动产证', canon: ['财产', '证件'] },
  { surface: '不动产权证', canon: ['财产', '证件'] },
  { surface: '营业执照', canon: ['市场主体', '证件'] },
  { surface: '执照', canon: ['市场主体', '证件'] },
  { surface: '党员报到', canon: ['党员', '报到'] },
  { surface: '收养人婚姻状况', canon: ['收养', '婚姻状况'] },
  { surface: '未婚未育', canon: ['婚姻状况', '婚育状况'] },
  { surface: '婚姻生育', canon: ['婚姻状况', '婚育状况'] },
  { surface: '结婚生育', canon: ['婚姻状况', '婚育状况'] },
  { surface: '初婚初育', canon: ['婚姻状况', '婚育状况'] },
  { surface: '学生活动', canon: ['学生', '活动'] },
  // 双报到 is the in-service party members' double registration (work unit and residence).
  { surface: '双报到', canon: ['党员', '报到'] },
  { surface: '入党政审', canon: ['入党', '政审'] },
  { surface: '外调政审', canon: ['外调', '政审'] },
  // 社会实践 (and its holiday forms) is what students do: it names the student item's people and activity.
  { surface: '社会实践', canon: ['学生', '活动'] },
  { surface: '社会实践活动', canon: ['学生', '活动'] },
  { surface: '暑期实践', canon: ['学生', '活动'] },
  { surface: '暑假实践', canon: ['学生', '活动'] },
  { surface: '寒假实践', canon: ['学生', '活动'] },
  { surface: '假期实践', canon: ['学生', '活动'] },
  { surface: '三下乡', canon: ['学生', '活动'] },
];

/**
 * Hints for shipped items, keyed by official name. Aliases add everyday names; heads narrow which
 * query terms may select the item (the adoption item must not be chosen for 婚姻状况 alone).
 */
export const ITEM_HINTS: Record<string, ItemHint> = {
  亲属关系证明: { aliases: ['亲子关系证明', '直系亲属关系证明'] },
  居民身份信息证明: { aliases: ['同一人证明', '户籍证明'] },
  户口登记项目内容变更申请证明: {
    aliases: ['户口登记项目变更', '姓名变更', '出生日期更正', '民族成分变更', '户口信息更正'],
    heads: ['变更'],
  },
  居民养犬证明: { aliases: ['养犬登记证明'] },
  无犯罪记录证明: { aliases: ['无违法犯罪记录证明'] },
  '社区戒毒社区康复人员情况证明（表现证明）': { aliases: ['戒毒人员表现证明', '戒毒康复人员情况'], heads: ['戒毒'] },
  人员失踪证明: { aliases: ['下落不明证明'] },
  婚姻状况证明: { aliases: ['未婚证明', '离婚证明', '单身证明', '未再婚证明'] },
  出生证明: { aliases: ['出生日期证明', '出生地证明'] },
  健在证明: { aliases: ['生存证明', '在世证明'] },
  死亡证明: { aliases: ['死亡原因证明'] },
  疾病状况证明: { aliases: ['患病证明', '身体健康状况证明'] },
  残疾状况证明: { aliases: ['伤残证明'] },
  婚育状况证明: { aliases: ['婚姻生育状况证明', '独生子女证明', '生育情况证明'], heads: ['婚育状况'] },
  居民就业状况证明: { aliases: ['失业证明', '无业证明', '工作证明'] },
  居民个人档案证明: { aliases: ['人事档案证明'] },
  居民财产证明: {
    aliases: ['无房证明', '房屋产权证明', '存款证明'],
    related: {
      aliases: ['收入证明', '家庭经济状况证明', '家庭经济困难证明', '贫困证明'],
      note: '收入、经济困难情况不等同于清单所列的财产（房产、存款等），清单未列明，按未列明事项办理',
    },
  },
  遗产继承权证明: { aliases: ['放弃继承权证明', '继承人证明'] },
  市场主体住所证明: { aliases: ['营业执照住所证明', '经营场所证明'], heads: ['住所'] },
  证件遗失证明: { aliases: ['身份证遗失证明', '户口本遗失证明'], heads: ['遗失'] },
  在职党员干部到居住地报到情况反馈: {
    aliases: ['党员报到情况反馈', '在职党员双报到证明'],
    heads: ['报到'],
    scope: ['党员'],
    scopeNote: '该事项限于在职党员干部到居住地报到；未说明是党员报到（毕业生报到证等不属此项）',
  },
  入党外调政审等发展党员证明: {
    aliases: ['入党政审证明', '发展党员外调证明'],
    // 政审 alone names no item: it needs 入党 / 发展党员 / 外调 (its scope) to be party development.
    heads: ['入党', '外调'],
    weakHeads: ['政审'],
    scopeNote: '该事项限于入党、发展党员的外调政审；未说明是入党或发展党员',
    rivals: [
      '征兵', '参军', '当兵', '入伍', '兵役', '军校', '警校', '出国', '出境', '签证', '移民', '公务员', '考公', '考编', '事业单位',
      '招聘', '招录', '招考', '录用', '入职', '考研', '研究生', '升学', '高考',
    ],
    rivalNote: '属其他用途的政审或外调，不是发展党员证明',
  },
  '收养人婚姻状况和抚养教育能力、收养状况证明': {
    aliases: ['收养人婚姻状况证明', '收养人抚养教育能力证明', '收养状况证明'],
    heads: ['收养', '抚养能力'],
    scope: ['收养'],
    scopeNote: '该事项限于收养登记；未说明与收养有关',
  },
  学生参加活动情况反馈证明: {
    aliases: ['学生社会实践证明', '学生志愿服务证明'],
    heads: ['活动'],
    // A student, the school, the school holidays or a child (a minor is a pupil) must be named.
    scope: ['学生', '学校', '寒暑假', '暑假', '寒假', '暑期', '寒暑期', '假期', '孩子', '小孩', '小孩子', '儿子', '女儿', '未成年人'],
    scopeNote: '该事项限于学生参加活动的情况反馈；未说明是学生',
  },
};
