import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client.js';

/** The app's one query cache (created before the first render so that boot.ts can fill it early). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // 4xx answers are final; retry a network error or a 5xx once.
      retry: (count, err) => count < 1 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
    },
    mutations: { retry: false },
  },
});
