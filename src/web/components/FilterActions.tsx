import { Button, Form, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.js';

/**
 * The buttons of a filter form: search (submits the form), reset, and on phones a link that shows or
 * hides the less used filters.
 */
export function FilterActions({
  onReset,
  moreFilters,
  onToggleMore,
  searchTestId,
}: {
  onReset: () => void;
  /** Set on phones only: whether the extra filters are shown. */
  moreFilters?: boolean;
  onToggleMore: () => void;
  searchTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={searchTestId}>
          {t('common.search')}
        </Button>
        <Button onClick={onReset}>{t('common.reset')}</Button>
        {moreFilters !== undefined ? (
          <Button type="link" onClick={onToggleMore} style={{ paddingInline: 4 }}>
            {moreFilters ? t('common.lessFilters') : t('common.moreFilters')}
          </Button>
        ) : null}
      </Space>
    </Form.Item>
  );
}
