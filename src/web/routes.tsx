import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, DesktopOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import type { Access, AccessFlag } from './access.js';
import type { MessageKey } from './i18n/index.js';

/**
 * The page registry: every signed-in page, the access flag that opens it, and where it sits in the
 * side menu. The router and the menu are both built from this list, so a feature adds a page by
 * adding one entry (and, for a new menu group, one group). Pages load lazily: nothing here ends up
 * in the login bundle.
 *
 * Example for the catalog pages (another engineer):
 *   groups: { key: 'catalogs', titleKey: 'menu.catalogs', icon: <BookOutlined />, order: 15 }
 *   pages:  { path: '/catalogs/items', titleKey: 'menu.catalogItems', access: 'canReadCatalogs',
 *             component: lazy(() => import('./pages/catalogs/CatalogItemsPage.js')), menu: { group: 'catalogs', order: 10 } }
 */
export interface MenuGroup {
  key: string;
  titleKey: MessageKey;
  icon: ReactNode;
  order: number;
}

export interface PageEntry {
  /** Absolute path; may end in `/*` for pages with their own sub-routes. */
  path: string;
  titleKey: MessageKey;
  access: AccessFlag | ((a: Access) => boolean);
  component: LazyExoticComponent<ComponentType>;
  /** Omit to keep the page out of the side menu (e.g. pages under the user dropdown). */
  menu?: { icon?: ReactNode; group?: string; order: number };
}

export const menuGroups: MenuGroup[] = [{ key: 'regions', titleKey: 'menu.regions', icon: <ApartmentOutlined />, order: 20 }];

export const pages: PageEntry[] = [
  {
    path: '/home',
    titleKey: 'menu.home',
    access: 'isBusinessUser',
    component: lazy(() => import('./pages/home/HomePage.js')),
    menu: { icon: <DesktopOutlined />, order: 10 },
  },
  {
    path: '/regions',
    titleKey: 'menu.regionTree',
    access: 'canReadRegions',
    component: lazy(() => import('./pages/regions/RegionTreePage.js')),
    menu: { group: 'regions', order: 10 },
  },
  {
    path: '/users',
    titleKey: 'menu.users',
    access: 'canReadUsers',
    component: lazy(() => import('./pages/users/UsersPage.js')),
    menu: { icon: <TeamOutlined />, order: 30 },
  },
  {
    path: '/grants',
    titleKey: 'menu.grants',
    access: 'canManageGrants',
    component: lazy(() => import('./pages/users/GrantsPage.js')),
    menu: { icon: <SafetyCertificateOutlined />, order: 40 },
  },
  {
    path: '/audit',
    titleKey: 'menu.audit',
    access: 'canReadAudit',
    component: lazy(() => import('./pages/audit/AuditPage.js')),
    menu: { icon: <AuditOutlined />, order: 50 },
  },
  {
    path: '/password',
    titleKey: 'menu.password',
    access: 'signedIn',
    component: lazy(() => import('./pages/password/PasswordPage.js')),
  },
  {
    path: '/sessions',
    titleKey: 'menu.sessions',
    access: 'signedIn',
    component: lazy(() => import('./pages/sessions/SessionsPage.js')),
  },
];

export const allows = (entry: Pick<PageEntry, 'access'>, access: Access) =>
  typeof entry.access === 'function' ? entry.access(access) : access[entry.access];

/** Where a signed-in user lands: the first menu page they may open. */
export function landingPath(access: Access): string | null {
  if (access.mustChangePassword) return '/password';
  const first = sortedMenuPages().find((p) => allows(p, access));
  return first?.path.replace(/\/\*$/, '') ?? null;
}

/** Menu pages in menu order (group order first, then the page's order within the group). */
export function sortedMenuPages(): PageEntry[] {
  const groupOrder = new Map(menuGroups.map((g) => [g.key, g.order]));
  const rank = (p: PageEntry) => (p.menu?.group ? (groupOrder.get(p.menu.group) ?? 0) * 1000 + p.menu.order : (p.menu?.order ?? 0) * 1000);
  return pages.filter((p) => p.menu).sort((a, b) => rank(a) - rank(b));
}
