import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Form,
  Popconfirm,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ADMIN_ROLES, ROLE_LABELS, ROLES, type Role } from '../../../shared/roles.js';
import { RegionSelect } from '../../components/RegionSelect.js';
import { SimpleList } from '../../components/SimpleList.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { addGrant, removeGrant, userGrants, userKeys, type UserGrant, type UserRow } from './users.api.js';

/** The security admin's grant editor for one user: list, revoke, add (role + region). */
export function GrantsDrawer({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ role: Role; regionCode: string }>();
  const id = user?.id ?? '';

  const grants = useQuery({ queryKey: userKeys.grants(id), queryFn: () => userGrants(id), enabled: !!user });
  const refresh = (items?: UserGrant[]) => {
    if (items) qc.setQueryData(userKeys.grants(id), items);
    else void qc.invalidateQueries({ queryKey: userKeys.grants(id) });
    void qc.invalidateQueries({ queryKey: ['users', 'list'] });
  };
  const add = useMutation({
    mutationFn: (v: { role: Role; regionCode: string }) => addGrant({ userId: id, ...v }),
    onSuccess: (r) => {
      // An administrator role is granted only when a second administrator approves.
      if (r.pending) message.info(t('adminRequests.filed'));
      else message.success(t('grants.added'));
      form.resetFields();
      refresh(r.items);
    },
  });
  const remove = useMutation({
    mutationFn: removeGrant,
    onSuccess: (r) => {
      if (r.pending) message.info(t('adminRequests.filed'));
      else message.success(t('grants.removed'));
      refresh();
    },
  });

  const roleOption = (r: Role) => ({
    value: r,
    label: locale === 'zh-CN' ? ROLE_LABELS[r].zh : `${ROLE_LABELS[r].en}（${ROLE_LABELS[r].zh}）`,
  });
  const business = ROLES.filter((r) => !ADMIN_ROLES.includes(r));

  return (
    <Drawer
      open={!!user}
      onClose={onClose}
      title={user ? t('grants.drawerTitle', { name: user.displayName }) : ''}
      size={isMobile ? '100%' : 560}
      destroyOnHidden
      data-testid="grants-drawer"
    >
      {user ? (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'u', label: t('users.username'), children: <span className="jf-mono">{user.username}</span> },
              { key: 'r', label: t('users.region'), children: `${user.regionName}（${user.regionCode}）` },
            ]}
          />
          <Divider titlePlacement="start" plain>
            {t('grants.current')}
          </Divider>
          {grants.isPending ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : (
            <SimpleList<UserGrant>
              testId="grant-list"
              bordered
              items={grants.data ?? []}
              rowKey={(g) => g.id}
              empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grants.none')} />}
              actions={(g) => (
                <Popconfirm
                  title={t('grants.removeConfirm', { role: label(ROLE_LABELS[g.role], g.role), region: g.regionName })}
                  okButtonProps={{ danger: true }}
                  okText={t('grants.remove')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutateAsync(g.id)}
                >
                  <Button type="link" danger size="small">
                    {t('grants.remove')}
                  </Button>
                </Popconfirm>
              )}
              render={(g) => (
                <span>
                  <Tag color={ADMIN_ROLES.includes(g.role) ? 'purple' : 'blue'}>
                    {label(ROLE_LABELS[g.role], g.role)}
                  </Tag>
                  {g.regionName}{' '}
                  <span className="jf-mono" style={{ color: 'var(--jf-text-secondary)' }}>
                    {g.regionCode}
                  </span>
                </span>
              )}
            />
          )}
          <Divider titlePlacement="start" plain>
            {t('grants.add')}
          </Divider>
          <Alert type="info" showIcon title={t('grants.note')} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} data-testid="grant-form">
            <Form.Item
              name="role"
              label={t('grants.role')}
              rules={[{ required: true, message: t('grants.rolePlaceholder') }]}
            >
              <Select
                placeholder={t('grants.rolePlaceholder')}
                options={[
                  {
                    label: <Typography.Text type="secondary">{t('grants.businessRoles')}</Typography.Text>,
                    title: 'business',
                    options: business.map(roleOption),
                  },
                  {
                    label: <Typography.Text type="secondary">{t('grants.adminRoles')}</Typography.Text>,
                    title: 'admin',
                    options: ADMIN_ROLES.map(roleOption),
                  },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label={t('grants.region')}
              rules={[{ required: true, message: t('common.required', { field: t('grants.region') }) }]}
            >
              <RegionSelect />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
              {t('grants.add')}
            </Button>
          </Form>
        </>
      ) : null}
    </Drawer>
  );
}
