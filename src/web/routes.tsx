import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import {
  ApartmentOutlined,
  AuditOutlined,
  DesktopOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { FileSearchOutlined } from '@ant-design/icons';
import { BookOutlined } from '@ant-design/icons';
import type { Access, AccessFlag } from './access.js';
import type { MessageKey } from './i18n/index.js';
// Small (API calls only); in the main bundle so that the dashboard's data does not wait for a chunk.
import { prefetchDashboard } from './pages/dashboard/prefetch.js';

/**
 * The page registry: every signed-in page, the access flag that opens it, and where it sits in the
 * side menu. The router and the menu are both built from this list, so a feature adds a page by
 * adding one entry (and, for a new menu group, one group). Pages load lazily: nothing here ends up
 * in the login bundle.
 *
 * Example (the catalog pages below):
 *   groups: { key: 'catalogs', titleKey: 'menu.catalogs', icon: <BookOutlined />, order: 15 }
 *   pages:  { path: '/catalogs/browse', titleKey: 'menu.catalogBrowse', access: 'canReadCatalogs',
 *             component: lazyPage(() => import('./pages/catalogs/CatalogBrowserPage.js')), menu: { group: 'catalogs', order: 10 } }
 */
export interface MenuGroup {
  key: string;
  titleKey: MessageKey;
  icon: ReactNode;
  order: number;
}

/** A lazy page that can also be fetched ahead of rendering (see boot.ts). */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<unknown> };

export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  return Object.assign(lazy(load), { preload: load });
}

export interface PageEntry {
  /** Absolute path; may end in `/*` for pages with their own sub-routes. */
  path: string;
  titleKey: MessageKey;
  access: AccessFlag | ((a: Access) => boolean);
  component: LazyPage;
  /**
   * Starts the page's first requests when the app opens on this page, as soon as the signed-in user
   * is known (in parallel with loading the page's code); the page then finds them in the query cache.
   */
  prefetch?: (qc: QueryClient, search: URLSearchParams) => Promise<unknown>;
  /** Omit to keep the page out of the side menu (e.g. pages under the user dropdown). */
  menu?: { icon?: ReactNode; group?: string; order: number };
}

export const menuGroups: MenuGroup[] = [
  { key: 'regions', titleKey: 'menu.regions', icon: <ApartmentOutlined />, order: 20 },
  { key: 'admission', titleKey: 'menu.admission', icon: <FileProtectOutlined />, order: 16 },
  { key: 'certificates', titleKey: 'menu.certificates', icon: <FileDoneOutlined />, order: 17 },
  { key: 'catalogs', titleKey: 'menu.catalogs', icon: <BookOutlined />, order: 15 },
  { key: 'selfcheck', titleKey: 'menu.selfCheck', icon: <FileSearchOutlined />, order: 12 },
];

export const pages: PageEntry[] = [
  {
    path: '/home',
    titleKey: 'menu.home',
    access: 'isBusinessUser',
    component: lazyPage(() => import('./pages/home/HomePage.js')),
    menu: { icon: <DesktopOutlined />, order: 10 },
  },
  {
    path: '/regions',
    titleKey: 'menu.regionTree',
    access: 'canReadRegions',
    component: lazyPage(() => import('./pages/regions/RegionTreePage.js')),
    menu: { group: 'regions', order: 10 },
  },
  {
    path: '/users',
    titleKey: 'menu.users',
    access: 'canReadUsers',
    component: lazyPage(() => import('./pages/users/UsersPage.js')),
    menu: { icon: <TeamOutlined />, order: 30 },
  },
  {
    path: '/grants',
    titleKey: 'menu.grants',
    access: 'canManageGrants',
    component: lazyPage(() => import('./pages/users/GrantsPage.js')),
    menu: { icon: <SafetyCertificateOutlined />, order: 40 },
  },
  {
    path: '/audit',
    titleKey: 'menu.audit',
    access: 'canReadAudit',
    component: lazyPage(() => import('./pages/audit/AuditPage.js')),
    menu: { icon: <AuditOutlined />, order: 50 },
  },
  // 目录 (S-2, S-7.1): browse the effective catalogs, adjustments, diff between dates, import and export.
  {
    path: '/catalogs/browse',
    titleKey: 'menu.catalogBrowse',
    access: 'canReadCatalogs',
    component: lazyPage(() => import('./pages/catalogs/CatalogBrowserPage.js')),
    menu: { group: 'catalogs', order: 10 },
  },
  {
    path: '/catalogs/adjustments',
    titleKey: 'menu.catalogAdjustments',
    access: 'canReadCatalogs',
    component: lazyPage(() => import('./pages/catalogs/AdjustmentsPage.js')),
    menu: { group: 'catalogs', order: 20 },
  },
  {
    path: '/catalogs/diff',
    titleKey: 'menu.catalogDiff',
    access: 'canReadCatalogs',
    component: lazyPage(() => import('./pages/catalogs/CatalogDiffPage.js')),
    menu: { group: 'catalogs', order: 30 },
  },
  {
    path: '/catalogs/transfer',
    titleKey: 'menu.catalogTransfer',
    access: 'canReadCatalogs',
    component: lazyPage(() => import('./pages/catalogs/CatalogTransferPage.js')),
    menu: { group: 'catalogs', order: 40 },
  },
  // 准入 (S-7): filing, review, admitted tasks, flags of un-admitted tasks.
  {
    path: '/admission/requests',
    titleKey: 'menu.admissionRequests',
    access: 'canFileAdmission',
    component: lazyPage(() => import('./pages/admission/RequestListPage.js')),
    menu: { group: 'admission', order: 10 },
  },
  {
    path: '/admission/requests/new',
    titleKey: 'menu.admissionRequests',
    access: 'canFileAdmission',
    component: lazyPage(() => import('./pages/admission/RequestFormPage.js')),
  },
  {
    path: '/admission/requests/:id/edit',
    titleKey: 'menu.admissionRequests',
    access: 'canFileAdmission',
    component: lazyPage(() => import('./pages/admission/RequestFormPage.js')),
  },
  {
    path: '/admission/requests/:id',
    titleKey: 'menu.admissionRequests',
    access: 'canReadAdmission',
    component: lazyPage(() => import('./pages/admission/RequestDetailPage.js')),
  },
  {
    path: '/admission/review',
    titleKey: 'menu.admissionReview',
    access: 'canReviewAdmission',
    component: lazyPage(() => import('./pages/admission/ReviewQueuePage.js')),
    menu: { group: 'admission', order: 20 },
  },
  {
    path: '/admission/admitted',
    titleKey: 'menu.admissionAdmitted',
    access: 'canReadAdmission',
    component: lazyPage(() => import('./pages/admission/AdmittedPage.js')),
    menu: { group: 'admission', order: 30 },
  },
  {
    path: '/admission/flags',
    titleKey: 'menu.admissionFlags',
    access: 'canReadAdmission',
    component: lazyPage(() => import('./pages/admission/FlagsPage.js')),
    menu: { group: 'admission', order: 40 },
  },
  // 证明 (S-6.2): the desk, the register, slips and promise forms, demand evidence; print views.
  {
    path: '/certificates/desk',
    titleKey: 'menu.certificateDesk',
    access: 'canIssueCertificates',
    component: lazyPage(() => import('./pages/certificates/DeskPage.js')),
    menu: { group: 'certificates', order: 10 },
  },
  {
    path: '/certificates/register',
    titleKey: 'menu.certificateRegister',
    access: 'canReadCertificates',
    component: lazyPage(() => import('./pages/certificates/RegisterPage.js')),
    menu: { group: 'certificates', order: 20 },
  },
  {
    path: '/certificates/cases',
    titleKey: 'menu.certificateCases',
    access: 'canReadCertificates',
    component: lazyPage(() => import('./pages/certificates/CasesPage.js')),
    menu: { group: 'certificates', order: 30 },
  },
  {
    path: '/certificates/demands',
    titleKey: 'menu.certificateDemands',
    access: 'canReadCertificates',
    component: lazyPage(() => import('./pages/certificates/DemandsPage.js')),
    menu: { group: 'certificates', order: 40 },
  },
  {
    path: '/certificates/refusals/:id',
    titleKey: 'menu.certificateCases',
    access: 'canReadCertificates',
    component: lazyPage(() => import('./pages/certificates/CasePrintPage.js')),
  },
  {
    path: '/certificates/promises/:id',
    titleKey: 'menu.certificateCases',
    access: 'canReadCertificates',
    component: lazyPage(() => import('./pages/certificates/CasePrintPage.js')),
  },
  {
    path: '/certificates/:id/print',
    titleKey: 'menu.certificateRegister',
    access: 'canIssueCertificates',
    component: lazyPage(() => import('./pages/certificates/CertificatePrintPage.js')),
  },
  {
    path: '/certificates/:id',
    titleKey: 'menu.certificateRegister',
    access: 'canReadCertificates',
    component: lazyPage(() => import('./pages/certificates/CertificateDetailPage.js')),
  },
  // 专项行动、自查台账、整改 (S-5, S-6, S-8): campaigns, the village ledger, township review, roll-ups, clean-up tasks.
  {
    path: '/campaigns',
    titleKey: 'menu.campaigns',
    access: 'canManageCampaigns',
    component: lazyPage(() => import('./pages/campaigns/CampaignsPage.js')),
    menu: { group: 'selfcheck', order: 10 },
  },
  {
    path: '/campaigns/:id',
    titleKey: 'menu.campaigns',
    access: 'canReadCampaigns',
    component: lazyPage(() => import('./pages/campaigns/CampaignDetailPage.js')),
  },
  {
    path: '/ledgers',
    titleKey: 'menu.ledgers',
    access: 'canFillLedgers',
    component: lazyPage(() => import('./pages/ledgers/MyLedgersPage.js')),
    menu: { group: 'selfcheck', order: 20 },
  },
  {
    path: '/ledgers/:id',
    titleKey: 'menu.ledgers',
    access: 'canReadLedgers',
    component: lazyPage(() => import('./pages/ledgers/LedgerPage.js')),
  },
  {
    path: '/review',
    titleKey: 'menu.ledgerReview',
    access: 'canReviewLedgers',
    component: lazyPage(() => import('./pages/ledgers/ReviewPage.js')),
    menu: { group: 'selfcheck', order: 30 },
  },
  {
    path: '/rows',
    titleKey: 'menu.rowSearch',
    access: 'canViewRollups',
    component: lazyPage(() => import('./pages/ledgers/RowSearchPage.js')),
    menu: { group: 'selfcheck', order: 35 },
  },
  {
    path: '/dashboard',
    titleKey: 'menu.dashboard',
    access: 'canViewRollups',
    component: lazyPage(() => import('./pages/dashboard/DashboardPage.js')),
    prefetch: prefetchDashboard,
    menu: { group: 'selfcheck', order: 40 },
  },
  {
    path: '/tasks',
    titleKey: 'menu.tasks',
    access: 'canReadTasks',
    component: lazyPage(() => import('./pages/tasks/TasksPage.js')),
    menu: { group: 'selfcheck', order: 50 },
  },
  {
    path: '/tasks/:id',
    titleKey: 'menu.tasks',
    access: 'canReadTasks',
    component: lazyPage(() => import('./pages/tasks/TaskDetailPage.js')),
  },
  {
    path: '/password',
    titleKey: 'menu.password',
    access: 'signedIn',
    component: lazyPage(() => import('./pages/password/PasswordPage.js')),
  },
  {
    path: '/sessions',
    titleKey: 'menu.sessions',
    access: 'signedIn',
    component: lazyPage(() => import('./pages/sessions/SessionsPage.js')),
  },
  {
    path: '/mfa',
    titleKey: 'menu.mfa',
    access: 'signedIn',
    component: lazyPage(() => import('./pages/password/MfaPage.js')),
  },
  {
    path: '/sessions/all',
    titleKey: 'menu.allSessions',
    access: 'canManageSessions',
    component: lazyPage(() => import('./pages/sessions/AllSessionsPage.js')),
    menu: { icon: <DesktopOutlined />, order: 45 },
  },
  {
    path: '/admin-requests',
    titleKey: 'menu.adminRequests',
    access: 'canReviewAdminRequests',
    component: lazyPage(() => import('./pages/users/AdminRequestsPage.js')),
    menu: { icon: <AuditOutlined />, order: 60 },
  },
];

/**
 * Public pages (no sign-in, outside the signed-in layout): App renders them beside /login. Their
 * paths are contracts: the QR code on every certificate points at /verify/<code>.
 */
export interface PublicPageEntry {
  path: string;
  component: LazyExoticComponent<ComponentType>;
}

export const publicPages: PublicPageEntry[] = [
  { path: '/verify', component: lazyPage(() => import('./pages/verify/VerifyPage.js')) },
  { path: '/verify/:code', component: lazyPage(() => import('./pages/verify/VerifyPage.js')) },
  { path: '/public/admission', component: lazyPage(() => import('./pages/admission/PublicDecisionsPage.js')) },
  { path: '/public/catalogs', component: lazyPage(() => import('./pages/public/catalogs/PublicCatalogsPage.js')) },
  { path: '/public/check', component: lazyPage(() => import('./pages/public/check/PublicCheckPage.js')) },
  // 无障碍声明 (GB/T 37668): linked from every footer (components/StatementLink).
  { path: '/accessibility', component: lazyPage(() => import('./pages/accessibility/AccessibilityPage.js')) },
];

export const allows = (entry: Pick<PageEntry, 'access'>, access: Access) =>
  typeof entry.access === 'function' ? entry.access(access) : access[entry.access];

/** Where a signed-in user lands: the first menu page they may open. */
export function landingPath(access: Access): string | null {
  if (access.mustChangePassword) return '/password';
  if (access.mfaEnrolmentRequired) return '/mfa';
  const first = sortedMenuPages().find((p) => allows(p, access));
  return first?.path.replace(/\/\*$/, '') ?? null;
}

/** Menu pages in menu order (group order first, then the page's order within the group). */
export function sortedMenuPages(): PageEntry[] {
  const groupOrder = new Map(menuGroups.map((g) => [g.key, g.order]));
  const rank = (p: PageEntry) =>
    p.menu?.group ? (groupOrder.get(p.menu.group) ?? 0) * 1000 + p.menu.order : (p.menu?.order ?? 0) * 1000;
  return pages.filter((p) => p.menu).sort((a, b) => rank(a) - rank(b));
}
