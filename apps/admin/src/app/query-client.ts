import { QueryClient } from '@tanstack/react-query';
import { isProblem } from '../api/problem';

/** Retries only what may pass on a second try: the network, a 5xx. A 4xx is the answer. */
const transient = (failures: number, error: unknown) => failures < 2 && isProblem(error) && (error.status === 0 || error.status >= 500);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: transient, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
