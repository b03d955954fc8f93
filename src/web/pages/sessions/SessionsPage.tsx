import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Popconfirm, Table, Tag, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { endAnySession, endSession, listAllSessions, listSessions, type SessionInfo } from '../../api/auth.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime, summarizeUserAgent } from '../../components/format.js';
import { useT } from '../../i18n/index.js';
import { useIsMobile } from '../../components/useIsMobile.js';

/**
 * Sessions: the user's own (with "end session" for the others), or with `all` every session in the
 * security administrator's region (who may end any of them; AS-07).
 */
export function SessionsView({ all }: { all: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { message } = useFeedback();
  const KEY = ['auth', all ? 'all-sessions' : 'sessions'];
  const { data, isPending, isFetching, error, refetch } = useQuery({
    queryKey: KEY,
    queryFn: all ? listAllSessions : listSessions,
  });
  const end = useMutation({
    mutationFn: all ? endAnySession : endSession,
    onSuccess: () => {
      message.success(t('sessions.ended'));
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });

  return (
    <PageContainer
      title={all ? t('menu.allSessions') : t('sessions.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void refetch()} loading={isFetching && !isPending}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        title={all ? t('sessions.allNote') : t('sessions.note')}
        style={{ marginBottom: 16 }}
      />
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
            ...(all
              ? [
                  {
                    title: t('sessions.user'),
                    key: 'user',
                    render: (_: unknown, s: SessionInfo) => `${s.displayName}（${s.username}）`,
                  },
                ]
              : []),
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

export default function SessionsPage() {
  return <SessionsView all={false} />;
}
