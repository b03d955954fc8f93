import type { RegionLevel } from '../../../shared/roles.js';
import type { RegionAncestors } from '../../core/scope.js';

export interface Region extends RegionAncestors {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string | null;
  parentCode: string | null;
}

/** Pads a 2/4/6/9-digit division code to the 12-digit form (140404 → 140404000000). */
export function normalizeCode(code: string): string | null {
  const c = code.trim();
  if (!/^\d+$/.test(c)) return null;
  if ([2, 4, 6, 9, 12].includes(c.length)) return c.padEnd(12, '0');
  return null;
}

/**
 * A 12-digit code whose segments (province 2, city 2, county 2, township 3, village 3) are non-zero up
 * to its level and zero after it, so that its parent is the next level up (140000000001 is not). The one
 * NBS exception: prefecture cities without counties (东莞 4419, 中山 4420, 儋州 4604, 嘉峪关 6202) put
 * townships straight under the city, with a zero county segment.
 */
export function isWellFormedCode(code: string): boolean {
  if (!/^\d{12}$/.test(code)) return false;
  const zero = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6, 9), code.slice(9)].map((s) =>
    /^0+$/.test(s),
  );
  const [province, city, county, township, village] = zero;
  if (province) return false;
  if (city) return county && township && village;
  if (township) return village;
  return true;
}

/** Level of a 12-digit code by its trailing zeros (NBS rule), and village/community by GB/T 10114. */
export function levelOf(code12: string): RegionLevel {
  if (code12.endsWith('0000000000')) return 'province';
  if (code12.endsWith('00000000')) return 'city';
  if (code12.endsWith('000000')) return 'county';
  if (code12.endsWith('000')) return 'township';
  const tail = Number(code12.slice(9));
  return tail >= 200 && tail <= 399 ? 'village' : 'community';
}

export function kindOf(code12: string, level: RegionLevel): string | null {
  if (level === 'township') {
    const t = Number(code12.slice(6, 9));
    if (t < 100) return '街道';
    if (t < 200) return '镇';
    if (t < 400) return '乡';
    return '其他';
  }
  if (level === 'village') return '村委会';
  if (level === 'community') return Number(code12.slice(9)) < 200 ? '居委会' : '其他';
  return null;
}

/** The ancestor columns of a 12-digit code (including itself at its own level). */
export function ancestorsOf(code12: string, level: RegionLevel): RegionAncestors {
  const at = (n: number) => code12.slice(0, n).padEnd(12, '0');
  const depth = { province: 1, city: 2, county: 3, township: 4, village: 5, community: 5 }[level];
  return {
    provinceCode: at(2),
    cityCode: depth >= 2 ? at(4) : null,
    countyCode: depth >= 3 ? at(6) : null,
    townshipCode: depth >= 4 ? at(9) : null,
    villageCode: depth >= 5 ? code12 : null,
  };
}

export function parentOf(code12: string, level: RegionLevel): string | null {
  const a = ancestorsOf(code12, level);
  switch (level) {
    case 'province':
      return null;
    case 'city':
      return a.provinceCode;
    case 'county':
      return a.cityCode;
    case 'township':
      return a.countyCode;
    default:
      return a.townshipCode;
  }
}
