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
import { AlertOutlined } from '@ant-design/icons';
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
 *   pages:  const CatalogBrowserPage = lazyPage(() => import('./pages/catalogs/CatalogBrowserPage.js'));
 *           page('/catalogs/browse', 'catalogBrowse', 'canReadCatalogs', CatalogBrowserPage, under('catalogs', 10))
 */
/** The message keys under `menu.`, without the prefix. */
type MenuTitle = MessageKey extends infer K ? (K extends `menu.${infer T}` ? T : never) : never;

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
  { key: 'supervision', titleKey: 'menu.supervision', icon: <AlertOutlined />, order: 18 },
];

// The pages' code, each loaded on first use.
const HomePage = lazyPage(() => import('./pages/home/HomePage.js'));
const RegionTreePage = lazyPage(() => import('./pages/regions/RegionTreePage.js'));
const UsersPage = lazyPage(() => import('./pages/users/UsersPage.js'));
const GrantsPage = lazyPage(() => import('./pages/users/GrantsPage.js'));
const AuditPage = lazyPage(() => import('./pages/audit/AuditPage.js'));
const CatalogBrowserPage = lazyPage(() => import('./pages/catalogs/CatalogBrowserPage.js'));
const AdjustmentsPage = lazyPage(() => import('./pages/catalogs/AdjustmentsPage.js'));
const CatalogDiffPage = lazyPage(() => import('./pages/catalogs/CatalogDiffPage.js'));
const CatalogTransferPage = lazyPage(() => import('./pages/catalogs/CatalogTransferPage.js'));
const RequestListPage = lazyPage(() => import('./pages/admission/RequestListPage.js'));
const RequestFormPage = lazyPage(() => import('./pages/admission/RequestFormPage.js'));
// A second wrapper of the same module is another component: moving between the two paths mounts a fresh page.
const RequestEditPage = lazyPage(() => import('./pages/admission/RequestFormPage.js'));
const RequestDetailPage = lazyPage(() => import('./pages/admission/RequestDetailPage.js'));
const ReviewQueuePage = lazyPage(() => import('./pages/admission/ReviewQueuePage.js'));
const AdmittedPage = lazyPage(() => import('./pages/admission/AdmittedPage.js'));
const FlagsPage = lazyPage(() => import('./pages/admission/FlagsPage.js'));
const DeskPage = lazyPage(() => import('./pages/certificates/DeskPage.js'));
const RegisterPage = lazyPage(() => import('./pages/certificates/RegisterPage.js'));
const CasesPage = lazyPage(() => import('./pages/certificates/CasesPage.js'));
const DemandsPage = lazyPage(() => import('./pages/certificates/DemandsPage.js'));
const RefusalPrintPage = lazyPage(() => import('./pages/certificates/CasePrintPage.js'));
const PromisePrintPage = lazyPage(() => import('./pages/certificates/CasePrintPage.js'));
const CertificatePrintPage = lazyPage(() => import('./pages/certificates/CertificatePrintPage.js'));
const CertificateDetailPage = lazyPage(() => import('./pages/certificates/CertificateDetailPage.js'));
const CampaignsPage = lazyPage(() => import('./pages/campaigns/CampaignsPage.js'));
const CampaignDetailPage = lazyPage(() => import('./pages/campaigns/CampaignDetailPage.js'));
const MyLedgersPage = lazyPage(() => import('./pages/ledgers/MyLedgersPage.js'));
const LedgerPage = lazyPage(() => import('./pages/ledgers/LedgerPage.js'));
const ReviewPage = lazyPage(() => import('./pages/ledgers/ReviewPage.js'));
const DashboardPage = lazyPage(() => import('./pages/dashboard/DashboardPage.js'));
const RowSearchPage = lazyPage(() => import('./pages/ledgers/RowSearchPage.js'));
const TasksPage = lazyPage(() => import('./pages/tasks/TasksPage.js'));
const TaskDetailPage = lazyPage(() => import('./pages/tasks/TaskDetailPage.js'));
const PasswordPage = lazyPage(() => import('./pages/password/PasswordPage.js'));
const SessionsPage = lazyPage(() => import('./pages/sessions/SessionsPage.js'));
const MfaPage = lazyPage(() => import('./pages/password/MfaPage.js'));
const AllSessionsPage = lazyPage(() => import('./pages/sessions/AllSessionsPage.js'));
const AdminRequestsPage = lazyPage(() => import('./pages/users/AdminRequestsPage.js'));
const SupervisionCasesPage = lazyPage(() => import('./pages/supervision/CasesPage.js'));
const SupervisionCasePage = lazyPage(() => import('./pages/supervision/CaseDetailPage.js'));

const under = (group: string, order: number): PageEntry['menu'] => ({ group, order });
const onTop = (icon: ReactNode, order: number): PageEntry['menu'] => ({ icon, order });

/** One row of the table below: path, title (a `menu.*` message), access, page, place in the menu. */
function page(
  path: string,
  title: MenuTitle,
  access: PageEntry['access'],
  component: LazyPage,
  menu?: PageEntry['menu'],
  prefetch?: PageEntry['prefetch'],
): PageEntry {
  return { path, titleKey: `menu.${title}`, access, component, menu, prefetch };
}

export const pages: PageEntry[] = [
  page('/home', 'home', 'isBusinessUser', HomePage, onTop(<DesktopOutlined />, 10)),
  page('/regions', 'regionTree', 'canReadRegions', RegionTreePage, under('regions', 10)),
  page('/users', 'users', 'canReadUsers', UsersPage, onTop(<TeamOutlined />, 30)),
  page('/grants', 'grants', 'canManageGrants', GrantsPage, onTop(<SafetyCertificateOutlined />, 40)),
  page('/audit', 'audit', 'canReadAudit', AuditPage, onTop(<AuditOutlined />, 50)),
  // 目录 (S-2, S-7.1): browse the effective catalogs, adjustments, diff between dates, import and export.
  page('/catalogs/browse', 'catalogBrowse', 'canReadCatalogs', CatalogBrowserPage, under('catalogs', 10)),
  page('/catalogs/adjustments', 'catalogAdjustments', 'canReadCatalogs', AdjustmentsPage, under('catalogs', 20)),
  page('/catalogs/diff', 'catalogDiff', 'canReadCatalogs', CatalogDiffPage, under('catalogs', 30)),
  page('/catalogs/transfer', 'catalogTransfer', 'canReadCatalogs', CatalogTransferPage, under('catalogs', 40)),
  // 准入 (S-7): filing, review, admitted tasks, flags of un-admitted tasks.
  page('/admission/requests', 'admissionRequests', 'canFileAdmission', RequestListPage, under('admission', 10)),
  page('/admission/requests/new', 'admissionRequests', 'canFileAdmission', RequestFormPage),
  page('/admission/requests/:id/edit', 'admissionRequests', 'canFileAdmission', RequestEditPage),
  page('/admission/requests/:id', 'admissionRequests', 'canReadAdmission', RequestDetailPage),
  page('/admission/review', 'admissionReview', 'canReviewAdmission', ReviewQueuePage, under('admission', 20)),
  page('/admission/admitted', 'admissionAdmitted', 'canReadAdmission', AdmittedPage, under('admission', 30)),
  page('/admission/flags', 'admissionFlags', 'canReadAdmission', FlagsPage, under('admission', 40)),
  // 证明 (S-6.2): the desk, the register, slips and promise forms, demand evidence; print views.
  page('/certificates/desk', 'certificateDesk', 'canIssueCertificates', DeskPage, under('certificates', 10)),
  page('/certificates/register', 'certificateRegister', 'canReadCertificates', RegisterPage, under('certificates', 20)),
  page('/certificates/cases', 'certificateCases', 'canReadCertificates', CasesPage, under('certificates', 30)),
  page('/certificates/demands', 'certificateDemands', 'canReadCertificates', DemandsPage, under('certificates', 40)),
  page('/certificates/refusals/:id', 'certificateCases', 'canReadCertificates', RefusalPrintPage),
  page('/certificates/promises/:id', 'certificateCases', 'canReadCertificates', PromisePrintPage),
  page('/certificates/:id/print', 'certificateRegister', 'canIssueCertificates', CertificatePrintPage),
  page('/certificates/:id', 'certificateRegister', 'canReadCertificates', CertificateDetailPage),
  // 专项行动、自查台账、整改 (S-5, S-6, S-8): campaigns, the village ledger, township review, roll-ups, clean-up tasks.
  page('/campaigns', 'campaigns', 'canManageCampaigns', CampaignsPage, under('selfcheck', 10)),
  page('/campaigns/:id', 'campaigns', 'canReadCampaigns', CampaignDetailPage),
  page('/ledgers', 'ledgers', 'canFillLedgers', MyLedgersPage, under('selfcheck', 20)),
  page('/ledgers/:id', 'ledgers', 'canReadLedgers', LedgerPage),
  page('/review', 'ledgerReview', 'canReviewLedgers', ReviewPage, under('selfcheck', 30)),
  page('/rows', 'rowSearch', 'canViewRollups', RowSearchPage, under('selfcheck', 35)),
  page('/dashboard', 'dashboard', 'canViewRollups', DashboardPage, under('selfcheck', 40), prefetchDashboard),
  page('/tasks', 'tasks', 'canReadTasks', TasksPage, under('selfcheck', 50)),
  page('/tasks/:id', 'tasks', 'canReadTasks', TaskDetailPage),
  // 监督 (S-9): burden reports and the cases they become, per role (district handler; township or department assigned).
  page('/supervision/cases', 'supervisionCases', 'canReadSupervision', SupervisionCasesPage, under('supervision', 10)),
  page('/supervision/cases/:id', 'supervisionCases', 'canReadSupervision', SupervisionCasePage),
  page('/password', 'password', 'signedIn', PasswordPage),
  page('/sessions', 'sessions', 'signedIn', SessionsPage),
  page('/mfa', 'mfa', 'signedIn', MfaPage),
  page('/sessions/all', 'allSessions', 'canManageSessions', AllSessionsPage, onTop(<DesktopOutlined />, 45)),
  page('/admin-requests', 'adminRequests', 'canReviewAdminRequests', AdminRequestsPage, onTop(<AuditOutlined />, 60)),
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
  // 举报/反映 (S-10): the report form and the status by tracking code (the village poster's QR points here).
  { path: '/public/report', component: lazyPage(() => import('./pages/supervision/ReportPage.js')) },
  { path: '/public/report/status', component: lazyPage(() => import('./pages/supervision/TrackPage.js')) },
  { path: '/public/report/status/:code', component: lazyPage(() => import('./pages/supervision/TrackPage.js')) },
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
