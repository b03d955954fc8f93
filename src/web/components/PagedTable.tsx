import { Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { PagedList } from '../hooks/usePagedQuery.js';
import { useIsMobile } from './useIsMobile.js';

/**
 * The table of a server-paged list (usePagedQuery): its rows, loading state and pagination; it scrolls
 * sideways when wide and is compact on phones unless `size` says otherwise.
 */
export function PagedTable<T extends object>({
  list,
  paging,
  ...props
}: TableProps<T> & { list: PagedList<T>; paging?: TablePaginationConfig }) {
  const isMobile = useIsMobile();
  return (
    <Table<T>
      dataSource={list.rows.data?.items ?? []}
      loading={list.rows.isFetching}
      scroll={{ x: 'max-content' }}
      size={isMobile ? 'small' : 'middle'}
      pagination={list.pagination(paging)}
      {...props}
    />
  );
}
