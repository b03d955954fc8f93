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
import { useI18n, useLabel, type MessageKey } from '../../i18n/index.js';
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

  /** A link-styled action behind a confirmation (the action's name on the button and on OK). */
  const confirmed = (
    key: string,
    o: { title: string; action: string; run: () => Promise<unknown>; danger?: boolean; disabled?: boolean },
  ) => (
    <Popconfirm
      key={key}
      title={o.title}
      okButtonProps={o.danger ? { danger: true } : undefined}
      okText={o.action}
      cancelText={t('common.cancel')}
      disabled={o.disabled}
      onConfirm={o.run}
    >
      <Button type="link" size="small" danger={o.danger} disabled={o.disabled} style={{ padding: 0 }}>
        {o.action}
      </Button>
    </Popconfirm>
  );
  const change = (u: UserRow, c: { status?: 'active' | 'disabled'; unlock?: true }, done: MessageKey) => () =>
    update.mutateAsync({ user: u, change: c, done: t(done, { name: u.displayName }) });

  const actions = (u: UserRow) => {
    const items = [];
    const self = u.id === me?.id;
    const name = { name: u.displayName };
    if (mode === 'users' && access.canManageUsers) {
      if (u.status === 'active')
        items.push(
          confirmed('disable', {
            title: t('users.disableConfirm', name),
            action: t('users.disable'),
            run: change(u, { status: 'disabled' }, 'users.disabled'),
            danger: true,
            disabled: self,
          }),
        );
      else
        items.push(
          confirmed('enable', {
            title: t('users.enableConfirm', name),
            action: t('users.enable'),
            run: change(u, { status: 'active' }, 'users.enabled'),
          }),
        );
      if (u.locked)
        items.push(
          confirmed('unlock', {
            title: t('users.unlockConfirm', name),
            action: t('users.unlock'),
            run: change(u, { unlock: true }, 'users.unlocked'),
          }),
        );
    }
    if (mode === 'users' && access.canManageUsers && !self)
      items.push(
        confirmed('reset', {
          title: t('users.resetConfirm', name),
          action: t('users.resetPassword'),
          run: () => reset.mutateAsync(u),
        }),
      );
    if (access.canManageSessions && u.mfaEnabled && !self)
      items.push(
        confirmed('reset-mfa', {
          title: t('users.mfaResetConfirm', name),
          action: t('users.mfaResetAction'),
          run: () => resetFactor.mutateAsync(u),
        }),
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
