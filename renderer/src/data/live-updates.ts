import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName, MethodOutput } from '../../../core/contract';
import { api } from '../api/client';
import { useApp } from '../state/app-store';
import type { QueryName } from './kinds';

type Job = MethodOutput<'packs.jobs'>[number];

/**
 * Each of core's events (core/contract/events.ts) and the queries it makes stale, declared once.
 * Events whose payload is itself the new answer (an import's job, sync's status) also put it in
 * the cache at once (below). Nothing in the renderer polls: core says when something changed.
 */
export const REFRESHES: { readonly [E in EventName]: readonly QueryName[] } = {
  'imports.changed': [],
  // A stick in or out: the sticks, their packs, their key files and their backups.
  'sticks.changed': ['drives.list', 'drives.packs', 'keys.onSticks', 'backup.list'],
  'sync.changed': [],
  // What is installed, what a stick's packs would do, and the learner's courses.
  'packs.changed': ['packs.installed', 'drives.packs', 'courses.list'],
  'session.ended': [],
};

/** Queries that only events keep current: read again whenever the event stream (re)connects, as events may have been missed. */
const KEPT_BY_EVENTS: readonly QueryName[] = [...new Set([...Object.values(REFRESHES).flat(), 'packs.jobs', 'sync.status'] as const)];

/** The job in a list of jobs, replaced or added. */
function withJob(jobs: Job[] | undefined, job: Job): Job[] | undefined {
  if (!jobs) return undefined;
  return jobs.some((j) => j.id === job.id) ? jobs.map((j) => (j.id === job.id ? job : j)) : [...jobs, job];
}

/** Keeps the cache current from core's events while the page is open; mounted once, at the top. */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const stale = (methods: readonly QueryName[]) => {
      // A read already under way is answer enough; none is started twice.
      for (const method of methods) void queryClient.invalidateQueries({ queryKey: [method] }, { cancelRefetch: false });
    };
    const unsubscribe = [
      ...(Object.keys(REFRESHES) as EventName[]).map((event) => api.subscribe(event, () => stale(REFRESHES[event]))),
      api.subscribe('imports.changed', ({ job }) => queryClient.setQueryData<Job[]>(['packs.jobs', {}], (jobs) => withJob(jobs, job))),
      api.subscribe('sync.changed', (status) => queryClient.setQueryData(['sync.status', {}], status)),
      // The session ended on the server (idle, a changed password, an erased learner, a restore):
      // the same as a call that finds it over.
      api.subscribe('session.ended', () => void useApp.getState().takeError({ code: 'auth.session_expired', params: {} })),
      api.onEventsOpened(() => stale(KEPT_BY_EVENTS)),
    ];
    return () => unsubscribe.forEach((stop) => stop());
  }, [queryClient]);
}
