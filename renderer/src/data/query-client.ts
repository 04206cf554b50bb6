import { MutationCache, notifyManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { useApp } from '../state/app-store';
import { ApiCallError } from './call';
import { ANSWERS_AS, INVALIDATES } from './invalidation';
import type { CommandName } from './kinds';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { handlesError?: boolean };
  }
}

// Components hear of new answers in a microtask rather than the next macrotask (the default), so
// that when a command's `run` resolves, what it re-read is already on its way to the screen,
// together with whatever the caller then says ("erased").
notifyManager.setScheduler(queueMicrotask);

/**
 * The renderer's one cache of what core said. Queries are keyed `[method, input]`, so a method's
 * queries are found by `[method]` alone.
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(error, query) {
      // A failed first load says so in the banner, unless its screen deals with it; a failed
      // refresh keeps what was shown.
      if (!(error instanceof ApiCallError) || error.taken || query.meta?.handlesError || query.state.data !== undefined) return;
      useApp.setState({ error: error.error });
    },
  }),
  mutationCache: new MutationCache({
    // A command is done when the screen shows what it changed: its queries are read again
    // (those on screen) before `run` resolves and `busy` ends.
    async onSuccess(data, _input, _context, mutation) {
      const method = mutation.options.mutationKey?.[0] as CommandName | undefined;
      if (!method) return;
      const answered = ANSWERS_AS[method];
      if (answered) queryClient.setQueryData([answered, {}], data);
      await refresh(INVALIDATES[method]);
    },
  }),
  defaultOptions: {
    queries: {
      // Core answers from the same PC or the classroom's network: a failure is an answer, not a
      // blip; and core says itself when something changed (live-updates.ts).
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
    mutations: { retry: false },
  },
});

/** Reads these methods' queries again (every input; those on screen now), or forgets everything. */
async function refresh(methods: readonly string[] | 'everything'): Promise<void> {
  if (methods === 'everything') return queryClient.clear();
  await Promise.all(methods.map((method) => queryClient.invalidateQueries({ queryKey: [method] })));
}

// Nothing read for one person is shown to the next: the cache is emptied whenever the learner
// changes or the staff console opens or closes.
useApp.subscribe((state, previous) => {
  const console = state.screen.name === 'console';
  if (state.learner?.id !== previous.learner?.id || console !== (previous.screen.name === 'console')) queryClient.clear();
});
