import type { ReactNode } from 'react';
import { Pagination, Table, type TableColumnsType } from 'antd';
import { useI18n } from '../i18n/index.js';
import { SimpleList } from './SimpleList.js';
import { useIsMobile } from './useIsMobile.js';
import type { usePaging } from './usePaging.js';

/**
 * One page of a server-paged list, as a table on wide screens and as a list of cards with a small
 * pager on phones (a table with eight columns does not fit 375 px). Test ids: `<testId>-table`,
 * `<testId>-list`.
 */
export function ResponsiveList<T extends { id: string }>(props: {
  /** The current page (undefined while the first one loads). */
  data: { items: T[]; total: number } | undefined;
  loading: boolean;
  paging: ReturnType<typeof usePaging>;
  columns: TableColumnsType<T>;
  /** A row as a phone card. */
  card: (item: T) => ReactNode;
  onOpen?: (item: T) => void;
  empty: ReactNode;
  testId: string;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const items = props.data?.items ?? [];
  const total = props.data?.total ?? 0;
  const { page, pageSize, setPage, pagination } = props.paging;
  if (!isMobile)
    return (
      <Table<T>
        rowKey="id"
        data-testid={`${props.testId}-table`}
        size="middle"
        columns={props.columns}
        dataSource={items}
        loading={props.loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: props.empty }}
        pagination={pagination(total, { showSizeChanger: true, size: undefined })}
      />
    );
  return (
    <>
      <SimpleList
        items={items}
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
        current={page}
        pageSize={pageSize}
        total={total}
        showTotal={(total) => t('common.total', { total })}
        onChange={setPage}
        hideOnSinglePage
      />
    </>
  );
}
