import type { SelectQueryBuilder } from 'kysely';

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/**
 * Count-plus-offset paging over one filtered query: `build(q)` adds the columns and the order to the
 * same filtered builder that is counted, so the two can never disagree.
 */
export async function paginate<DB, TB extends keyof DB, O, T>(
  filtered: SelectQueryBuilder<DB, TB, O>,
  { page, pageSize }: PageRequest,
  build: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, T>,
): Promise<Page<T>> {
  const counted = await filtered
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const total = Number((counted as { n?: number | string } | undefined)?.n ?? 0);
  const items =
    total === 0
      ? []
      : await build(filtered)
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute();
  return { total, items };
}

/**
 * The equality conditions of a list filter that are given, for `q.where((eb) => eb.and(given({ col: f.x })))`:
 * undefined, null and '' values are left out (no condition at all gives `1 = 1`).
 */
export const given = <T extends Record<string, unknown>>(conditions: T) =>
  Object.fromEntries(
    Object.entries(conditions).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Partial<{ [K in keyof T]: NonNullable<T[K]> }>;
