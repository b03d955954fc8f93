/**
 * The accessibility statement (无障碍声明), Chinese first and English second. Sources of what it names:
 * - GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》 (national standard; its
 *   requirements follow WCAG 2.0/2.1 at level AA).
 * - 工业和信息化部《互联网网站适老化通用设计规范》 (2021; 适老化 requirements for websites).
 * - The 12345 hotline: 国务院办公厅《关于进一步优化地方政务服务便民热线的指导意见》（国办发〔2020〕53号,
 *   reported by Xinhua on 2021-01-06): every locality's government service hotlines are merged into the
 *   “12345政务服务便民热线”, staffed around the clock.
 */
export interface StatementSection {
  heading: string;
  paragraphs?: string[];
  items?: string[];
}

export const STATEMENT: Record<'zh' | 'en', { intro: string; sections: StatementSection[] }> = {
  zh: {
    intro:
      '减负通面向村民和基层干部，其中不少是年长者，也有许多人在手机上使用。我们希望每一位用户都能顺利使用本平台的全部功能。',
    sections: [
      {
        heading: '遵循的标准',
        paragraphs: [
          '本平台按照国家标准 GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》（对应 WCAG 2.1 AA 级）和工业和信息化部《互联网网站适老化通用设计规范》设计和测试。',
        ],
      },
      {
        heading: '可以使用的便利功能',
        items: [
          '关怀模式：每个页面顶部都有「关怀模式」按钮，开启后字号更大、对比度更高、按钮更大；本浏览器会记住您的选择。',
          '字号与缩放：文字随浏览器的字号设置放大；页面放大到 200% 时内容仍然完整，手机上无需左右滑动。',
          '键盘操作：所有功能都可以只用键盘完成；每个页面按 Tab 键首先到达「跳到主要内容」链接。',
          '读屏软件：输入框都有文字标签，图标按钮都有中文名称；查询结果和错误提示会自动朗读；统计图表都附有数据表。',
          '不只靠颜色：“有效”“已撤销”、审核结论等状态都写明文字，不只用颜色区分。',
        ],
      },
      {
        heading: '我们如何检验',
        paragraphs: [
          '每次发布前，自动化测试会在电脑（1366 像素宽）和手机（375 像素宽）两种宽度、标准和关怀两种模式下，用 axe-core 检查测试走到的每一个页面；凡不符合 WCAG 2.0 / 2.1 A 级和 AA 级要求的问题，都必须修复后才能发布。测试还包括只用键盘完成证明查询、证明开具和台账填报。',
        ],
      },
      {
        heading: '已知的不足',
        items: [
          '证明、告知单的打印版按 A4 纸面排版，不随关怀模式放大；需要时请使用浏览器的缩放功能查看。',
          '统计图表本身不能用键盘逐点查看，请使用图表下方的数据表。',
          '自动化检查不能发现所有问题，欢迎您告诉我们遇到的困难。',
        ],
      },
      {
        heading: '反馈与联系',
        paragraphs: ['如果您在使用中遇到障碍，或需要以其他方式获取页面上的信息：'],
        items: [
          '村民和群众：拨打 12345 政务服务便民热线（全天候人工服务），或到所在村（社区）、乡镇（街道）便民服务中心反映。',
          '村级和乡镇、部门工作人员：联系本级系统管理员。',
          '反映时请说明是哪个页面、使用的设备和浏览器，以及遇到的问题，以便我们尽快改进。',
        ],
      },
    ],
  },
  en: {
    intro:
      'Jianfu serves villagers and village cadres, many of them older people and many on a phone. We want every user to be able to use all of it.',
    sections: [
      {
        heading: 'Standards we follow',
        paragraphs: [
          'The platform is designed and tested against the national standard GB/T 37668-2019 (web content accessibility, equivalent to WCAG 2.1 level AA) and the MIIT design specification for websites suited to older users (互联网网站适老化通用设计规范).',
        ],
      },
      {
        heading: 'What helps',
        items: [
          'Large text mode (关怀模式): a button at the top of every page switches to larger text, higher contrast and larger buttons; this browser remembers the choice.',
          'Text size and zoom: text follows the browser’s font-size setting; at 200 % zoom nothing is lost, and on a phone nothing needs sideways scrolling.',
          'Keyboard: everything can be done with the keyboard alone; the first Tab on every page reaches “Skip to main content”.',
          'Screen readers: every input has a label and every icon button a name; results and errors are announced; every chart comes with a data table.',
          'Not colour alone: states such as valid, revoked or a review verdict are always written out.',
        ],
      },
      {
        heading: 'How we check',
        paragraphs: [
          'Before every release the automated tests run axe-core on every page they visit, at desktop (1366 px) and phone (375 px) width, in the normal and the large text mode; any failure of a WCAG 2.0 / 2.1 level A or AA rule must be fixed before release. The tests also complete the certificate check, the certificate desk and a ledger entry with the keyboard alone.',
        ],
      },
      {
        heading: 'Known limitations',
        items: [
          'Printed certificates and slips are laid out for A4 paper and do not grow in large text mode; use the browser’s zoom to read them.',
          'Charts cannot be explored point by point with the keyboard; use the data table under each chart.',
          'Automated checks cannot find every problem: please tell us what gets in your way.',
        ],
      },
      {
        heading: 'Feedback and contact',
        paragraphs: ['If something gets in your way, or you need the information on a page in another form:'],
        items: [
          'Villagers and the public: call the 12345 government service hotline (staffed around the clock), or ask at your village (community) or township service centre.',
          'Village, township and department staff: contact your level’s system administrator.',
          'Please say which page, which device and browser, and what happened, so that we can fix it quickly.',
        ],
      },
    ],
  },
};
