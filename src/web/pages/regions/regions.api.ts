import type { RegionDto, RegionNodeDto } from '../../../shared/regions.js';
import { api } from '../../api/client.js';
import { normalizeRegionQuery } from '../../components/format.js';

export type Region = RegionDto;
export type RegionNode = RegionNodeDto;

export const regionKeys = {
  roots: ['regions', 'roots'] as const,
  children: (code: string) => ['regions', 'children', code] as const,
  one: (code: string) => ['regions', 'one', code] as const,
  search: (q: string) => ['regions', 'search', q] as const,
};

export const fetchRoots = () => api<{ items: RegionNode[] }>('/api/regions/roots').then((r) => r.items);
export const fetchChildren = (code: string) =>
  api<{ items: RegionNode[] }>(`/api/regions/${code}/children`).then((r) => r.items);
/** quiet: a 404 (not visible) is an answer the page shows itself, not an error toast. */
export const fetchRegion = (code: string, quiet = false) => api<Region>(`/api/regions/${code}`, { quiet });
export const searchRegions = (q: string) =>
  api<{ items: Region[] }>('/api/regions', { query: { q: normalizeRegionQuery(q), limit: 50 } }).then((r) => r.items);

/** Ancestor codes of a region from the top down (excluding itself). */
export const ancestorCodes = (r: Region) =>
  [r.provinceCode, r.cityCode, r.countyCode, r.townshipCode].filter((c): c is string => !!c && c !== r.code);
