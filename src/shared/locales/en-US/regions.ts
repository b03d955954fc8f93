import type { regions as zh } from '../zh-CN/regions.js';

/** English (second language): regions. */
export const regions: Record<keyof typeof zh, string> = {
  'regions.title': 'Region tree',
  'regions.searchPlaceholder': 'Name, pinyin initials or division code',
  'regions.searchResults': 'Search results',
  'regions.noResults': 'No matching region',
  'regions.detail': 'Region details',
  'regions.selectHint': 'Select a region in the tree to see its details',
  'regions.name': 'Name',
  'regions.code': 'Division code',
  'regions.level': 'Level',
  'regions.kind': 'Kind',
  'regions.parent': 'Parent',
  'regions.childCount': 'Sub-regions',
  'regions.ancestors': 'Ancestors',
  'regions.noTree': 'No region is visible to your account',
  'regions.locate': 'Show in tree',
  'regions.notVisible': '(outside your jurisdiction)',
  'regions.templateFile': 'region-import-template.xlsx',
  'regions.importSource': 'Spreadsheet import: {name}',
  'regions.unnamedFile': 'unnamed file',
  'regions.error.notFound': 'No such region, or you may not see it',
  'regions.error.badCode': 'Region code “{code}” is malformed: it has 2, 4, 6, 9 or 12 digits',
  'regions.error.outOfScope': 'You may import only regions within your jurisdiction',
  'regions.error.noSuchCode': 'The division data has no code {code}',
};
