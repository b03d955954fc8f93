import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Popconfirm, Table, Tag, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { endSession, listSessions, type SessionInfo } from '../../api/auth.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime, summarizeUserAgent } from '../../components/format.js';
import { useT } from '../../i18n/index.js';
import { useIsMobile } from '../../components/useIsMobile.js';

const KEY = ['auth', 'sessions'] as const;

/** The user's own sessions, with "end session" for the others. */
export default function SessionsPage() {
  const t = useT();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { message } = useFeedback();
  const { data, isPending, isFetching, error, refetch } = useQuery({ queryKey: KEY, queryFn: listSessions });
  const end = useMutation({
    mutationFn: endSession,
    onSuccess: () => {
      message.success(t('sessions.ended'));
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });

  return (
    <PageContainer
      title={t('sessions.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void refetch()} loading={isFetching && !isPending}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('sessions.note')} style={{ marginBottom: 16 }} />
      <Card>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={t('common.loadFailed')}
            description={error.message}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Table<SessionInfo>
          rowKey="id"
          loading={isPending}
          dataSource={data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('sessions.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
            { title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => fmtTime(v) },
            { title: t('sessions.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => fmtTime(v) },
            { title: t('sessions.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
            {
              title: t('sessions.device'),
              dataIndex: 'userAgent',
              render: (v: string | null) => (
                <Tooltip title={v}>
                  <span>{summarizeUserAgent(v) || '—'}</span>
                </Tooltip>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: isMobile ? undefined : 'right',
              render: (_: unknown, s) =>
                s.current ? (
                  <Tag color="green">{t('sessions.current')}</Tag>
                ) : (
                  <Popconfirm
                    title={t('sessions.endConfirm')}
                    onConfirm={() => end.mutateAsync(s.id)}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                  >
                    <Button type="link" danger size="small" style={{ padding: 0 }}>
                      {t('sessions.end')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
