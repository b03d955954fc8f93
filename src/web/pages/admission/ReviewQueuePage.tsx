import { Alert, Tabs } from 'antd';
import { PageContainer } from '../../components/PageContainer.js';
import { useI18n } from '../../i18n/index.js';
import { RequestTable } from './RequestTable.js';

/** 准入审核 (township officer, district lead, district approver): what awaits my decision, and every request in my area. */
export default function ReviewQueuePage() {
  const { t } = useI18n();
  return (
    <PageContainer title={t('admission.review.pageTitle')}>
      <Alert type="info" showIcon title={t('admission.review.note')} style={{ marginBottom: 16 }} />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'awaiting',
            label: t('admission.review.awaiting'),
            children: (
              <RequestTable base={{ queue: 'awaiting' }} showDepartment showFilters={false} testId="review-queue" />
            ),
          },
          {
            key: 'all',
            label: t('admission.review.all'),
            children: <RequestTable base={{}} showDepartment testId="review-all" />,
          },
        ]}
      />
    </PageContainer>
  );
}
