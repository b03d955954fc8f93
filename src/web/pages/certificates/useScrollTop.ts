import { useEffect } from 'react';

/** Starts a page at the top when it is opened from a long page (the router keeps the old scroll position). */
export function useScrollTop(key: string) {
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [key]);
}
