import { useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, ConfigProvider, Drawer, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import {
  DownOutlined,
  KeyOutlined,
  LaptopOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '../../shared/roles.js';
import { logout, ME_KEY, type Me } from '../api/auth.js';
import type { Access } from '../access.js';
import { allows, menuGroups, sortedMenuPages } from '../routes.js';
import { useI18n, useLabel } from '../i18n/index.js';
import { LangSwitch } from '../components/LangSwitch.js';
import { CareSwitch } from '../components/CareSwitch.js';
import { MAIN_ID, SkipLink } from '../components/SkipLink.js';
import { StatementLink } from '../components/StatementLink.js';
import { HEADER_THEME } from '../theme/theme.js';
import { useFeedback } from '../components/feedback.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { NotificationBell } from '../pages/tasks/NotificationBell.js';
import { LogoMark } from '../components/LogoMark.js';

const { Header, Sider, Content, Footer } = Layout;

type MenuItem = Required<MenuProps>['items'][number];

function Logo({ compact }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: '0.625rem',
        color: '#fff',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <LogoMark />
      <span style={{ fontSize: '1.125rem', fontWeight: 600, letterSpacing: 2 }}>{t('app.name')}</span>
      {compact ? null : (
        <span style={{ fontSize: '0.8125rem', borderLeft: '1px solid rgba(255,255,255,0.6)', paddingLeft: '0.625rem' }}>
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
      <SkipLink />
      <ConfigProvider theme={HEADER_THEME}>
        <Header
          className="jf-dark"
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: isMobile ? 2 : 8,
            position: 'sticky',
            top: 0,
            zIndex: 100,
            height: '3.5rem',
            lineHeight: '3.5rem',
            paddingInline: isMobile ? '0.5rem' : '1rem',
          }}
        >
          {isMobile && showMenu ? (
            <Button
              type="text"
              icon={<MenuOutlined aria-hidden style={{ color: '#fff', fontSize: '1.125rem' }} />}
              aria-label={t('menu.open')}
              data-testid="menu-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          ) : null}
          <div style={{ flex: 1, minWidth: 0, display: 'flex' }}>
            <Logo compact={isMobile} />
          </div>
          {forced ? null : <NotificationBell />}
          <CareSwitch dark iconOnly={isMobile} />
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
              aria-label={isMobile ? t('layout.userMenu', { name: me.displayName }) : undefined}
              style={{
                color: '#fff',
                display: 'inline-flex',
                alignItems: 'center',
                gap: 6,
                paddingInline: 6,
                height: '2.5rem',
              }}
            >
              <Avatar size="small" icon={<UserOutlined aria-hidden />} style={{ background: '#4a86e8' }} />
              {isMobile ? null : (
                <span style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {me.displayName}
                  {primaryRole ? (
                    <span style={{ marginInlineStart: 6 }}>
                      {label(ROLE_LABELS[primaryRole.role], primaryRole.roleLabel)}
                    </span>
                  ) : null}
                </span>
              )}
              <DownOutlined aria-hidden style={{ fontSize: '0.625rem' }} />
            </Button>
          </Dropdown>
        </Header>
      </ConfigProvider>
      <Layout>
        {showMenu && !isMobile ? (
          <Sider
            width={208}
            collapsible
            collapsed={collapsed}
            trigger={null}
            theme="light"
            style={{
              borderInlineEnd: '1px solid #f0f0f0',
              position: 'sticky',
              top: '3.5rem',
              height: 'calc(100vh - 3.5rem)',
              overflow: 'auto',
            }}
          >
            <div style={{ display: 'flex', flexDirection: 'column', minHeight: '100%' }}>
              <nav aria-label={t('layout.mainMenu')} style={{ flex: 1 }}>
                {menu('side-menu')}
              </nav>
              {/* antd's own trigger is a mouse-only div: a real button instead. */}
              <Button
                type="text"
                block
                icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
                aria-label={collapsed ? t('layout.expandMenu') : t('layout.collapseMenu')}
                aria-expanded={!collapsed}
                data-testid="sider-toggle"
                onClick={() => setCollapsed(!collapsed)}
                style={{
                  position: 'sticky',
                  bottom: 0,
                  background: '#fff',
                  borderTop: '1px solid #f0f0f0',
                  borderRadius: 0,
                  height: '2.5rem',
                }}
              />
            </div>
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
            <nav aria-label={t('layout.mainMenu')}>{menu('drawer-menu')}</nav>
          </Drawer>
        ) : null}
        <Layout>
          <Content id={MAIN_ID} tabIndex={-1} style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
            {children}
          </Content>
          <Footer
            style={{
              textAlign: 'center',
              color: 'var(--jf-text-secondary)',
              fontSize: '0.75rem',
              padding: '12px 16px 16px',
            }}
          >
            <div>{t('layout.footer')}</div>
            <div style={{ marginTop: 4 }}>
              <StatementLink />
            </div>
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
