import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { RegionLevel } from '../../shared/roles.js';
import type { Permission } from '../../shared/roles.js';
import { grantsWith, type Actor } from './actor.js';

/**
 * Region scope as SQL: the twin of `canAt`. Business tables carry the denormalised ancestor columns
 * (province_code … village_code), so "this node and everything under it" is one indexed equality.
 */
export const LEVEL_COLUMN: Record<RegionLevel, AncestorColumn> = {
  province: 'provinceCode',
  city: 'cityCode',
  county: 'countyCode',
  township: 'townshipCode',
  village: 'villageCode',
  community: 'villageCode',
};
export type AncestorColumn = 'provinceCode' | 'cityCode' | 'countyCode' | 'townshipCode' | 'villageCode';

/**
 * `visibleTo(actor, permission)` for a table that has the ancestor columns. No grant → no rows.
 * `table` qualifies the columns when the query joins several tables.
 */
export function visibleTo(actor: Actor, permission: Permission, table?: string) {
  const grants = grantsWith(actor, permission);
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (grants.length === 0) return sql<SqlBool>`1 = 0`;
    const ors = grants.map((g) => {
      const col = LEVEL_COLUMN[g.level];
      return eb(table ? `${table}.${col}` : col, '=', g.regionCode);
    });
    return ors.length === 1 ? ors[0] : eb.or(ors);
  };
}

/** The ancestor columns of a region, to denormalise onto high-volume rows. */
export interface RegionAncestors {
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
}

/** The ancestor columns of a region (or of any row that has them), to copy onto a row that belongs to it. */
export const ancestorColumns = (r: RegionAncestors): RegionAncestors => ({
  provinceCode: r.provinceCode,
  cityCode: r.cityCode,
  countyCode: r.countyCode,
  townshipCode: r.townshipCode,
  villageCode: r.villageCode,
});
