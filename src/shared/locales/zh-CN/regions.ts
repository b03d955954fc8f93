/** 简体中文（主语言）：regions。en-US/regions.ts 必须提供同样的键（类型检查保证）。 */
export const regions = {
  'regions.title': '区划树',
  'regions.searchPlaceholder': '输入名称、拼音首字母或区划代码',
  'regions.searchResults': '搜索结果',
  'regions.noResults': '未找到匹配的区划',
  'regions.detail': '区划详情',
  'regions.selectHint': '请在左侧区划树中选择一个区划查看详情',
  'regions.name': '名称',
  'regions.code': '区划代码',
  'regions.level': '层级',
  'regions.kind': '类型',
  'regions.parent': '上级区划',
  'regions.childCount': '下级区划数',
  'regions.ancestors': '所属上级',
  'regions.noTree': '您的账户暂无可查看的区划',
  'regions.locate': '在树中定位',
  'regions.notVisible': '（不在您的管辖范围内）',
} as const;
