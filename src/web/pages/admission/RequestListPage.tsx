import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useI18n } from '../../i18n/index.js';
import { RequestTable } from './RequestTable.js';

interface Reminder {
  id: string;
  requestId: string;
  number: string;
  title: string;
  expiresOn: string | null;
  daysLeft: number;
}

/** 准入申请 (department officer): the department's own requests, drafts included, and expiry reminders. */
export default function RequestListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const reminders = useQuery({
    queryKey: ['admission', 'reminders'],
    queryFn: () => api<{ items: Reminder[] }>('/api/admission/reminders').then((r) => r.items),
    staleTime: 60_000,
  });
  return (
    <PageContainer
      title={t('admission.list.pageTitle')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate('/admission/requests/new')}
          data-testid="new-request"
        >
          {t('admission.list.new')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('admission.list.note')} style={{ marginBottom: 16 }} />
      {reminders.data?.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('admission.list.reminders')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {reminders.data.map((r) => (
                <li key={r.id}>
                  <Link to={`/admission/requests/${r.requestId}`}>{r.title}</Link>（{r.number}）
                  {t('admission.list.expiresIn', { date: r.expiresOn ?? '', days: r.daysLeft })}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <RequestTable base={{}} testId="request-table" />
    </PageContainer>
  );
}
