import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '../../../shared/roles.js';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import {
  listDepartments,
  listUsers,
  resetMfa,
  resetPassword,
  updateUser,
  userKeys,
  type UserRow,
} from './users.api.js';
import { OneTimePasswordModal } from './OneTimePasswordModal.js';
import { CreateUserModal } from './CreateUserModal.js';
import { GrantsDrawer } from './GrantsDrawer.js';
import { usePaging } from '../../components/usePaging.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

/**
 * The user list shared by 用户管理 (mode "users": create, disable, unlock for the system admin) and
 * 角色授权 (mode "grants": the security admin's view, focused on each user's grants).
 */
export function UserDirectory({ mode }: { mode: 'users' | 'grants' }) {
  const { t } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const access = accessOf(me);
  const [form] = Form.useForm<{ q: string }>();
  const [q, setQ] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [creating, setCreating] = useState(false);
  const [grantUser, setGrantUser] = useState<UserRow | null>(null);

  const users = useQuery({
    queryKey: userKeys.list(q, page, pageSize),
    queryFn: () => listUsers(q, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const departments = useQuery({
    queryKey: userKeys.departments,
    queryFn: listDepartments,
    enabled: access.canReadRegions,
    staleTime: 5 * 60_000,
  });
  const deptName = useMemo(() => new Map((departments.data ?? []).map((d) => [d.id, d.name])), [departments.data]);

  const update = useMutation({
    mutationFn: (v: { user: UserRow; change: { status?: 'active' | 'disabled'; unlock?: true }; done: string }) =>
      updateUser(v.user.id, { ...v.change, version: v.user.version }),
    onSuccess: (r, v) => {
      // A change to an administrator is filed for a second administrator instead of applied.
      if ('pending' in r) message.info(t('adminRequests.filed'));
      else message.success(v.done);
      void qc.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: () => void qc.invalidateQueries({ queryKey: userKeys.all }),
  });
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null);
  const reset = useMutation({
    mutationFn: (u: UserRow) => resetPassword(u.id),
    onSuccess: (r, u) => {
      if (r.oneTimePassword) setOneTime({ name: u.displayName, password: r.oneTimePassword });
      else message.info(t('adminRequests.filed'));
      void qc.invalidateQueries({ queryKey: userKeys.all });
    },
  });
  const resetFactor = useMutation({
    mutationFn: (u: UserRow) => resetMfa(u.id),
    onSuccess: (r) => {
      if (r.pending) message.info(t('adminRequests.filed'));
      else message.success(t('users.mfaReset'));
      void qc.invalidateQueries({ queryKey: userKeys.all });
    },
  });

  const roleTags = (u: UserRow) =>
    u.grants.length === 0 ? (
      <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>
    ) : (
      <Flex gap={4} wrap>
        {u.grants.map((g) => (
          <Tooltip key={g.id} title={`${g.regionName}（${g.regionCode}）`}>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {label(ROLE_LABELS[g.role], g.role)}
              {mode === 'grants' ? <span> · {g.regionName}</span> : null}
            </Tag>
          </Tooltip>
        ))}
      </Flex>
    );

  const statusTags = (u: UserRow) => (
    <Flex gap={4} wrap>
      {u.status === 'active' ? (
        <Tag color="success">{t('users.status.active')}</Tag>
      ) : (
        <Tag>{t('users.status.disabled')}</Tag>
      )}
      {u.locked ? <Tag color="error">{t('users.locked')}</Tag> : null}
      {u.mustChangePassword ? <Tag color="warning">{t('users.mustChange')}</Tag> : null}
      {u.mfaEnabled ? <Tag color="blue">{t('users.mfaOn')}</Tag> : null}
    </Flex>
  );

  const actions = (u: UserRow) => {
    const items = [];
    const self = u.id === me?.id;
    if (mode === 'users' && access.canManageUsers) {
      if (u.status === 'active')
        items.push(
          <Popconfirm
            key="disable"
            title={t('users.disableConfirm', { name: u.displayName })}
            okButtonProps={{ danger: true }}
            okText={t('users.disable')}
            cancelText={t('common.cancel')}
            disabled={self}
            onConfirm={() =>
              update.mutateAsync({
                user: u,
                change: { status: 'disabled' },
                done: t('users.disabled', { name: u.displayName }),
              })
            }
          >
            <Button type="link" size="small" danger disabled={self} style={{ padding: 0 }}>
              {t('users.disable')}
            </Button>
          </Popconfirm>,
        );
      else
        items.push(
          <Popconfirm
            key="enable"
            title={t('users.enableConfirm', { name: u.displayName })}
            okText={t('users.enable')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              update.mutateAsync({
                user: u,
                change: { status: 'active' },
                done: t('users.enabled', { name: u.displayName }),
              })
            }
          >
            <Button type="link" size="small" style={{ padding: 0 }}>
              {t('users.enable')}
            </Button>
          </Popconfirm>,
        );
      if (u.locked)
        items.push(
          <Popconfirm
            key="unlock"
            title={t('users.unlockConfirm', { name: u.displayName })}
            okText={t('users.unlock')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              update.mutateAsync({
                user: u,
                change: { unlock: true },
                done: t('users.unlocked', { name: u.displayName }),
              })
            }
          >
            <Button type="link" size="small" style={{ padding: 0 }}>
              {t('users.unlock')}
            </Button>
          </Popconfirm>,
        );
    }
    if (mode === 'users' && access.canManageUsers && !self)
      items.push(
        <Popconfirm
          key="reset"
          title={t('users.resetConfirm', { name: u.displayName })}
          okText={t('users.resetPassword')}
          cancelText={t('common.cancel')}
          onConfirm={() => reset.mutateAsync(u)}
        >
          <Button type="link" size="small" style={{ padding: 0 }}>
            {t('users.resetPassword')}
          </Button>
        </Popconfirm>,
      );
    if (access.canManageSessions && u.mfaEnabled && !self)
      items.push(
        <Popconfirm
          key="reset-mfa"
          title={t('users.mfaResetConfirm', { name: u.displayName })}
          okText={t('users.mfaResetAction')}
          cancelText={t('common.cancel')}
          onConfirm={() => resetFactor.mutateAsync(u)}
        >
          <Button type="link" size="small" style={{ padding: 0 }}>
            {t('users.mfaResetAction')}
          </Button>
        </Popconfirm>,
      );
    if (access.canManageGrants && !self)
      items.push(
        <Button
          key="grants"
          type="link"
          size="small"
          style={{ padding: 0 }}
          icon={mode === 'grants' ? <SafetyCertificateOutlined /> : undefined}
          onClick={() => setGrantUser(u)}
        >
          {mode === 'grants' ? t('grants.manage') : t('users.grants')}
        </Button>,
      );
    return items.length ? <Space size={12}>{items}</Space> : <Typography.Text type="secondary">—</Typography.Text>;
  };

  const columns: TableColumnsType<UserRow> = [
    { title: t('users.username'), dataIndex: 'username', render: (v: string) => <span className="jf-mono">{v}</span> },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.region'),
      dataIndex: 'regionName',
      render: (_: unknown, u) => (
        <span>
          {u.regionName}
          <br />
          <span className="jf-mono" style={{ color: 'var(--jf-text-secondary)' }}>
            {u.regionCode}
          </span>
        </span>
      ),
    },
    ...(mode === 'users'
      ? [
          {
            title: t('users.department'),
            dataIndex: 'departmentId',
            render: (v: string | null) => (v ? (deptName.get(v) ?? '—') : '—'),
          },
        ]
      : []),
    {
      title: mode === 'grants' ? t('grants.current') : t('users.roles'),
      key: 'roles',
      render: (_: unknown, u: UserRow) => roleTags(u),
    },
    { title: t('users.status'), key: 'status', render: (_: unknown, u: UserRow) => statusTags(u) },
    ...(mode === 'users'
      ? [
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (v: string | null) =>
              v ? fmtTime(v) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
          },
        ]
      : []),
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isMobile ? undefined : 'right',
      render: (_: unknown, u: UserRow) => actions(u),
    },
  ];

  const title = mode === 'grants' ? t('grants.title') : t('users.title');
  return (
    <PageContainer
      title={title}
      extra={
        mode === 'users' && access.canManageUsers ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
            {t('users.create')}
          </Button>
        ) : null
      }
    >
      {mode === 'grants' ? <Alert type="info" showIcon title={t('grants.note')} style={{ marginBottom: 16 }} /> : null}
      {mode === 'users' && !access.canManageUsers ? (
        <Alert type="info" showIcon title={t('users.readOnlyNote')} style={{ marginBottom: 16 }} />
      ) : null}
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: isMobile ? 8 : 24 } }}>
        <Form
          form={form}
          layout={isMobile ? 'vertical' : 'inline'}
          onFinish={(v) => {
            setQ((v.q ?? '').trim());
            setPage(1);
          }}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="q" label={t('users.query')} style={isMobile ? undefined : { minWidth: 320 }}>
            <Input allowClear={CLEARABLE} maxLength={50} placeholder={t('users.queryPlaceholder')} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setQ('');
                  setPage(1);
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Table<UserRow>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          size={isMobile ? 'small' : 'middle'}
          pagination={pagination(users.data?.total ?? 0)}
        />
      </Card>
      {creating ? <CreateUserModal departments={departments.data ?? []} onClose={() => setCreating(false)} /> : null}
      <GrantsDrawer user={grantUser} onClose={() => setGrantUser(null)} />
      <OneTimePasswordModal value={oneTime} onClose={() => setOneTime(null)} />
    </PageContainer>
  );
}
