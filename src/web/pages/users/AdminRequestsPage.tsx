import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Popconfirm, Segmented, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ADMIN_REQUEST_LABELS, type AdminRequest, type AdminRequestStatus } from '../../../shared/accounts.js';
import { ROLE_LABELS } from '../../../shared/roles.js';
import { useMe } from '../../api/auth.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { decideAdminRequest, listAdminRequests, userKeys } from './users.api.js';
import { OneTimePasswordModal } from './OneTimePasswordModal.js';

const STATUS_COLORS: Record<AdminRequestStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
  expired: 'default',
};

/**
 * The two-person procedure: changes to an administrator account (disable, revoke or grant an
 * administrator role, password or second-factor reset) wait here for a second administrator of another
 * role. Neither the requester nor the administrator concerned can approve.
 */
export default function AdminRequestsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const { data: me } = useMe();
  const [status, setStatus] = useState<AdminRequestStatus | 'all'>('pending');
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null);
  const list = useQuery({
    queryKey: [...userKeys.requests, status],
    queryFn: () => listAdminRequests(status === 'all' ? undefined : status),
  });
  const decide = useMutation({
    mutationFn: (v: { r: AdminRequest; how: 'approve' | 'reject' | 'cancel' }) =>
      decideAdminRequest(v.r.id, v.how, v.r.version),
    onSuccess: (res, v) => {
      if ('oneTimePassword' in res && res.oneTimePassword)
        setOneTime({ name: v.r.targetUsername, password: res.oneTimePassword });
      message.success(t(`adminRequests.done.${v.how}`));
      void qc.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: () => void qc.invalidateQueries({ queryKey: userKeys.requests }),
  });

  const payload = (r: AdminRequest) => {
    const p = r.payload as { role?: keyof typeof ROLE_LABELS; regionCode?: string };
    return p.role ? `${label(ROLE_LABELS[p.role], p.role)}${p.regionCode ? ` · ${p.regionCode}` : ''}` : '';
  };

  return (
    <PageContainer
      title={t('menu.adminRequests')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('adminRequests.note')} style={{ marginBottom: 16 }} />
      <Card>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as AdminRequestStatus | 'all')}
          options={(['pending', 'approved', 'rejected', 'all'] as const).map((s) => ({
            value: s,
            label: t(`adminRequests.status.${s}`),
          }))}
          style={{ marginBottom: 16 }}
        />
        <Table<AdminRequest>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={false}
          data-testid="admin-requests"
          columns={[
            {
              title: t('adminRequests.kind'),
              key: 'kind',
              render: (_: unknown, r) => (
                <Flex vertical>
                  <span>{label(ADMIN_REQUEST_LABELS[r.kind], r.kind)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {payload(r)}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('adminRequests.target'), dataIndex: 'targetUsername' },
            {
              title: t('adminRequests.requestedBy'),
              key: 'by',
              render: (_: unknown, r) =>
                `${r.requestedByName}（${label(ROLE_LABELS[r.requesterRole], r.requesterRole)}）`,
            },
            { title: t('adminRequests.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => fmtTime(v) },
            {
              title: t('adminRequests.status'),
              dataIndex: 'status',
              render: (s: AdminRequestStatus, r) => (
                <Flex vertical>
                  <Tag color={STATUS_COLORS[s]} style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
                    {t(`adminRequests.status.${s}`)}
                  </Tag>
                  {r.decidedByName ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.decidedByName} · {fmtTime(r.decidedAt!)}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, r) =>
                r.status !== 'pending' ? null : r.requestedBy === me?.id ? (
                  <Popconfirm
                    title={t('adminRequests.cancelConfirm')}
                    onConfirm={() => decide.mutateAsync({ r, how: 'cancel' })}
                  >
                    <Button type="link" size="small" style={{ padding: 0 }}>
                      {t('adminRequests.cancel')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Flex gap={8}>
                    <Popconfirm
                      title={t('adminRequests.approveConfirm')}
                      onConfirm={() => decide.mutateAsync({ r, how: 'approve' })}
                    >
                      <Button type="link" size="small" style={{ padding: 0 }}>
                        {t('adminRequests.approve')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('adminRequests.rejectConfirm')}
                      onConfirm={() => decide.mutateAsync({ r, how: 'reject' })}
                    >
                      <Button type="link" size="small" danger style={{ padding: 0 }}>
                        {t('adminRequests.reject')}
                      </Button>
                    </Popconfirm>
                  </Flex>
                ),
            },
          ]}
        />
      </Card>
      <OneTimePasswordModal value={oneTime} onClose={() => setOneTime(null)} />
    </PageContainer>
  );
}
