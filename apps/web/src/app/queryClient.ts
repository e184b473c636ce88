import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/errors';

/** 4xx answers are final; only network and server errors are retried. */
function retry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.statusCode < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // the session ended (expired, logged out elsewhere): forget the user, RequireAuth sends them to /login
        if (isApiError(error) && (error.code === 'second_factor_required' || error.code === 'second_factor_enrolment_required')) {
          // the session is there but not through its second factor (issue 14): /me says where to go
          void client.invalidateQueries({ queryKey: ['me'] });
        } else if (isApiError(error) && error.statusCode === 401 && query.queryKey[0] !== 'me') {
          client.setQueryData(['me'], null);
        }
      },
    }),
    defaultOptions: {
      queries: { retry, staleTime: 15_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  return client;
}
