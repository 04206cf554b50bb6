import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../core/contract';
import { useApp } from '../state/app-store';
import { ApiCallError } from './call';
import { ANSWERS_AS, INVALIDATES } from './invalidation';

/**
 * The renderer's one cache of what core said. Queries are keyed `[method, input]`, so a method's
 * queries are found by `[method]` alone.
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(error, query) {
      // A failed first load says so in the banner; a failed refresh keeps what was shown.
      if (error instanceof ApiCallError && !error.taken && query.state.data === undefined) useApp.setState({ error: error.error });
    },
  }),
  mutationCache: new MutationCache({
    onSuccess(data, _input, _context, mutation) {
      const method = mutation.options.mutationKey?.[0] as MethodName | undefined;
      if (!method) return;
      const answered = ANSWERS_AS[method];
      if (answered) queryClient.setQueryData([answered, {}], data);
      const changed = INVALIDATES[method];
      if (changed === 'everything') queryClient.clear();
      else if (changed) for (const name of changed) void queryClient.invalidateQueries({ queryKey: [name] });
    },
  }),
  defaultOptions: {
    queries: {
      // Core answers from the same PC or the classroom's network: a failure is an answer, not a blip.
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
    mutations: { retry: false },
  },
});

// Nothing read for one person is shown to the next: the cache is emptied whenever the learner
// changes or the staff console opens or closes.
useApp.subscribe((state, previous) => {
  const console = state.screen.name === 'console';
  if (state.learner?.id !== previous.learner?.id || console !== (previous.screen.name === 'console')) queryClient.clear();
});
