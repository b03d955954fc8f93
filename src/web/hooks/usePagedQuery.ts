import { useState } from 'react';
import { keepPreviousData, useQuery, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { usePaging } from '../components/usePaging.js';

/** One page of a server-paged list, as every list endpoint returns it. */
export interface Paged<T> {
  items: T[];
  total: number;
}

/** What a paged list page needs: the current page's rows and the table's `pagination` prop for them. */
export interface PagedList<T> {
  rows: UseQueryResult<Paged<T>>;
  setPage: (page: number) => void;
  pagination: (overrides?: TablePaginationConfig) => TablePaginationConfig;
}

/**
 * A server-paged list: the rows of the current page (the previous page stays on screen while the next
 * one loads) and the table's pagination (see usePaging).
 */
export function usePagedQuery<T>(
  key: (page: number, pageSize: number) => QueryKey,
  fetch: (page: number, pageSize: number) => Promise<Paged<T>>,
): PagedList<T> {
  const { page, pageSize, setPage, pagination } = usePaging();
  const rows = useQuery({
    queryKey: key(page, pageSize),
    queryFn: () => fetch(page, pageSize),
    placeholderData: keepPreviousData,
  });
  return { rows, setPage, pagination: (overrides) => pagination(rows.data?.total ?? 0, overrides) };
}

/** A server-paged list under a filter: `apply` sets the filter and goes back to the first page. */
export function useFilteredQuery<F, T>(
  initial: F,
  key: (filter: F, page: number, pageSize: number) => QueryKey,
  fetch: (filter: F, page: number, pageSize: number) => Promise<Paged<T>>,
): PagedList<T> & { filter: F; apply: (filter: F) => void } {
  const [filter, setFilter] = useState<F>(initial);
  const list = usePagedQuery(
    (page, pageSize) => key(filter, page, pageSize),
    (page, pageSize) => fetch(filter, page, pageSize),
  );
  const apply = (next: F) => {
    setFilter(next);
    list.setPage(1);
  };
  return { ...list, filter, apply };
}
