import type { Query } from '@tanstack/react-query';
import type { MethodName, MethodOutput } from '../../../core/contract';
import { queryClient } from './query-client';

type Job = MethodOutput<'packs.jobs'>[number];
const ACTIVE: ReadonlySet<Job['state']> = new Set(['queued', 'checking', 'copying', 'verifying', 'switching']);

/** An import still under way (not done, failed or cancelled). */
export function importRunning(job: Job): boolean {
  return ACTIVE.has(job.state);
}

/**
 * The queries whose answers change without a command of this page (a stick plugged in, an import
 * running, a sync attempt), and how often they are read again while shown. The only polling of
 * the renderer, until core tells the page itself (contract events).
 */
const REFRESH_MS: { readonly [K in MethodName]?: (data: MethodOutput<K> | undefined) => number } = {
  'drives.list': () => 1500,
  'keys.onSticks': () => 2000,
  // While an import runs its progress is read often, so the bar moves smoothly; otherwise now
  // and then, for imports started elsewhere (another staff member, the LAN).
  'packs.jobs': (jobs) => (jobs?.some((job) => ACTIVE.has(job.state)) ? 250 : 3000),
  'sync.status': () => 3000,
};

/** The `refetchInterval` of a method's queries: none for those that change only by command. */
export function liveRefresh<K extends MethodName>(method: K): ((query: Query<MethodOutput<K>>) => number) | undefined {
  const every = REFRESH_MS[method] as ((data: MethodOutput<K> | undefined) => number) | undefined;
  return every && ((query) => every(query.state.data));
}

// An import that ends changed what is installed, and what the sticks' packs would do.
const running = new Set<string>();
queryClient.getQueryCache().subscribe((event) => {
  if (event.type !== 'updated' || event.action.type !== 'success' || event.query.queryKey[0] !== 'packs.jobs') return;
  const jobs = event.action.data as MethodOutput<'packs.jobs'>;
  const ended = jobs.filter((job) => !ACTIVE.has(job.state) && running.delete(job.id));
  for (const job of jobs) if (ACTIVE.has(job.state)) running.add(job.id);
  if (ended.length === 0) return;
  for (const method of ['packs.installed', 'drives.list', 'courses.list'] as const) void queryClient.invalidateQueries({ queryKey: [method] });
});
// An import started here is watched from its start, even if it ends before the next read.
queryClient.getMutationCache().subscribe((event) => {
  if (event.type !== 'updated' || event.action.type !== 'success' || event.mutation.options.mutationKey?.[0] !== 'packs.import') return;
  running.add((event.action.data as MethodOutput<'packs.import'>).id);
});
