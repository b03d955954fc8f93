import type { ReactNode } from 'react';
import { Pagination, Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n/index.js';
import { SimpleList } from './SimpleList.js';
import { useIsMobile } from './useIsMobile.js';

/**
 * One page of a server-paged list, as a table on wide screens and as a list of cards with a small
 * pager on phones (a table with eight columns does not fit 375 px). Test ids: `<testId>-table`,
 * `<testId>-list`.
 */
export function ResponsiveList<T extends { id: string }>(props: {
  items: T[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
  /** The table's pagination (usePaging's `pagination(total, …)`). */
  pagination: TablePaginationConfig;
  columns: TableColumnsType<T>;
  /** A row as a phone card. */
  card: (item: T) => ReactNode;
  onOpen?: (item: T) => void;
  empty: ReactNode;
  testId: string;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  if (!isMobile)
    return (
      <Table<T>
        rowKey="id"
        data-testid={`${props.testId}-table`}
        size="middle"
        columns={props.columns}
        dataSource={props.items}
        loading={props.loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: props.empty }}
        pagination={props.pagination}
      />
    );
  return (
    <>
      <SimpleList
        items={props.items}
        rowKey={(item) => item.id}
        loading={props.loading}
        onClick={props.onOpen}
        testId={`${props.testId}-list`}
        empty={props.empty}
        render={props.card}
      />
      <Pagination
        size="small"
        style={{ marginTop: 12, textAlign: 'center' }}
        current={props.page}
        pageSize={props.pageSize}
        total={props.total}
        showTotal={(total) => t('common.total', { total })}
        onChange={props.setPage}
        hideOnSinglePage
      />
    </>
  );
}
