import { useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import {
  DownOutlined,
  KeyOutlined,
  LaptopOutlined,
  LogoutOutlined,
  MenuOutlined,
  UserOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '../../shared/roles.js';
import { logout, ME_KEY, type Me } from '../api/auth.js';
import type { Access } from '../access.js';
import { allows, menuGroups, sortedMenuPages } from '../routes.js';
import { useI18n, useLabel } from '../i18n/index.js';
import { LangSwitch } from '../components/LangSwitch.js';
import { useFeedback } from '../components/feedback.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { NotificationBell } from '../pages/tasks/NotificationBell.js';

const { Header, Sider, Content, Footer } = Layout;

type MenuItem = Required<MenuProps>['items'][number];

function Logo({ compact }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 10,
        color: '#fff',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <svg width={28} height={28} viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none' }}>
        <rect width="64" height="64" rx="12" fill="#ffffff" />
        <path
          d="M18 40 L30 48 L47 20"
          fill="none"
          stroke="#1d5fc4"
          strokeWidth="7"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span style={{ fontSize: 18, fontWeight: 600, letterSpacing: 2 }}>{t('app.name')}</span>
      {compact ? null : (
        <span style={{ fontSize: 13, opacity: 0.8, borderLeft: '1px solid rgba(255,255,255,0.4)', paddingLeft: 10 }}>
          {t('app.subtitle')}
        </span>
      )}
    </span>
  );
}

/** Signed-in frame: header (logo, language, user menu), side menu (a Drawer on phones), content. */
export function AppLayout({ me, access, children }: { me: Me; access: Access; children: ReactNode }) {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const isMobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const forced = access.mustChangePassword || access.mfaEnrolmentRequired;

  const visible = useMemo(() => sortedMenuPages().filter((p) => allows(p, access)), [access]);
  const items = useMemo<MenuItem[]>(() => {
    const out: MenuItem[] = [];
    const seenGroups = new Set<string>();
    for (const p of visible) {
      const group = p.menu?.group ? menuGroups.find((g) => g.key === p.menu!.group) : undefined;
      const leaf = { key: p.path, icon: group ? undefined : p.menu?.icon, label: t(p.titleKey) };
      if (!group) out.push(leaf);
      else if (!seenGroups.has(group.key)) {
        seenGroups.add(group.key);
        out.push({
          key: `group:${group.key}`,
          icon: group.icon,
          label: t(group.titleKey),
          children: visible
            .filter((q) => q.menu?.group === group.key)
            .map((q) => ({ key: q.path, label: t(q.titleKey) })),
        });
      }
    }
    return out;
  }, [visible, t]);
  const [openKeys, setOpenKeys] = useState<string[]>(() => menuGroups.map((g) => `group:${g.key}`));
  const selected = visible.find(
    (p) => location.pathname === p.path || location.pathname.startsWith(`${p.path.replace(/\/\*$/, '')}/`),
  )?.path;

  const onLogout = async () => {
    try {
      await logout();
    } finally {
      navigate('/login', { replace: true });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, null);
      message.success(t('layout.loggedOut'));
    }
  };

  const primaryRole = me.grants[0];
  const userMenu: MenuProps['items'] = [
    ...(forced
      ? []
      : [
          { key: '/password', icon: <KeyOutlined />, label: t('menu.password') },
          { key: '/mfa', icon: <SafetyOutlined />, label: t('menu.mfa') },
          { key: '/sessions', icon: <LaptopOutlined />, label: t('menu.sessions') },
          { type: 'divider' as const },
        ]),
    { key: 'logout', icon: <LogoutOutlined />, label: t('menu.logout'), danger: true },
  ];

  const menu = (testId: string) => (
    <Menu
      mode="inline"
      data-testid={testId}
      items={items}
      selectedKeys={selected ? [selected] : []}
      openKeys={collapsed && !isMobile ? undefined : openKeys}
      onOpenChange={setOpenKeys}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  const showMenu = !forced && items.length > 0;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          position: 'sticky',
          top: 0,
          zIndex: 100,
          height: 56,
          lineHeight: '56px',
        }}
      >
        {isMobile && showMenu ? (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            aria-label={t('menu.open')}
            data-testid="menu-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <div style={{ flex: 1, minWidth: 0, display: 'flex' }}>
          <Logo compact={isMobile} />
        </div>
        {forced ? null : <NotificationBell />}
        <LangSwitch dark />
        <Dropdown
          trigger={['click']}
          menu={{
            items: userMenu,
            onClick: ({ key }) => (key === 'logout' ? void onLogout() : navigate(key)),
          }}
        >
          <Button
            type="text"
            data-testid="user-menu"
            style={{
              color: '#fff',
              display: 'inline-flex',
              alignItems: 'center',
              gap: 6,
              paddingInline: 6,
              height: 40,
            }}
          >
            <Avatar size="small" icon={<UserOutlined />} style={{ background: '#4a86e8' }} />
            {isMobile ? null : (
              <span style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {me.displayName}
                {primaryRole ? (
                  <span style={{ opacity: 0.75, marginInlineStart: 6 }}>
                    {label(ROLE_LABELS[primaryRole.role], primaryRole.roleLabel)}
                  </span>
                ) : null}
              </span>
            )}
            <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      </Header>
      <Layout>
        {showMenu && !isMobile ? (
          <Sider
            width={208}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            theme="light"
            style={{
              borderInlineEnd: '1px solid #f0f0f0',
              position: 'sticky',
              top: 56,
              height: 'calc(100vh - 56px)',
              overflow: 'auto',
            }}
          >
            {menu('side-menu')}
          </Sider>
        ) : null}
        {showMenu && isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            {menu('drawer-menu')}
          </Drawer>
        ) : null}
        <Layout>
          <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>{children}</Content>
          <Footer style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: '12px 16px 16px' }}>
            {t('layout.footer')}
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
