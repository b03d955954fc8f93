import { matchPath } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { fetchMe, ME_KEY, type Me } from './api/auth.js';
import { accessOf } from './access.js';
import { allows, pages, publicPages } from './routes.js';

/**
 * Starts what the first screen needs while the main bundle renders, instead of one step after the
 * other: the signed-in shell's code, the page's code, the current user and (once the user is known
 * and may open the page) the page's own first requests. React then finds code and answers ready.
 */
export function boot(qc: QueryClient) {
  const { pathname, search } = window.location;
  if (pathname.startsWith('/login') || publicPages.some((p) => matchPath(p.path, pathname))) return;
  const page = pages.find((p) => matchPath(p.path, pathname));
  // The user first: the browser queues requests per host, and code chunks are many.
  void qc
    .fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity })
    .then((me: Me | null) => {
      if (me && page?.prefetch && allows(page, accessOf(me)) && !me.mustChangePassword)
        return page.prefetch(qc, new URLSearchParams(search));
    })
    .catch(() => undefined);
  void import('./layout/AppShell.js');
  void page?.component.preload().catch(() => undefined);
}
