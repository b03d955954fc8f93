import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n/index.js';
import { useIsMobile } from './useIsMobile.js';

/**
 * Page and page size of a server-paged table, and the table's `pagination` prop for a total: 共 N 条,
 * a size changer on wide screens, back to page 1 when the size changes. `overrides` adjusts the look.
 */
export function usePaging(initialPageSize = 20) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination = (total: number, overrides: TablePaginationConfig = {}): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: !isMobile,
    showTotal: (n) => t('common.total', { total: n }),
    size: isMobile ? 'small' : undefined,
    onChange: (p, s) => {
      setPage(s !== pageSize ? 1 : p);
      setPageSize(s);
    },
    ...overrides,
  });
  return { page, pageSize, setPage, pagination };
}
