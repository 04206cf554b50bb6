import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../core/contract';
import { ApiCallError, callOrThrow } from './call';
import { queryClient } from './query-client';
import type { QueryName } from './kinds';

export interface ApiQueryOptions<K extends QueryName> {
  /** False while the input is not known yet. */
  enabled?: boolean;
  /**
   * Keeps the last answer on screen while another input loads (a new period, say); a function
   * says for which previous inputs.
   */
  keepPrevious?: boolean | ((previous: MethodInput<K>) => boolean);
  /**
   * The component deals with a failure itself: shows it in place (`errorToShow(query.error)`) or
   * does without; the banner does not show it. The error policy still applies.
   */
  handlesError?: boolean;
}

/**
 * What a query method answers for an input, read when a component shows it and again when a
 * command or one of core's events changes it (invalidation.ts, live-updates.ts). A failure goes
 * through the error policy (call.ts).
 */
export function useApiQuery<K extends QueryName>(method: K, input: MethodInput<K>, options: ApiQueryOptions<K> = {}) {
  const { keepPrevious } = options;
  return useQuery<MethodOutput<K>>({
    queryKey: [method, input],
    queryFn: () => callOrThrow(method, input),
    enabled: options.enabled ?? true,
    placeholderData:
      typeof keepPrevious === 'function'
        ? (previous, previousQuery) => (previousQuery && keepPrevious(previousQuery.queryKey[1] as MethodInput<K>) ? previous : undefined)
        : keepPrevious
          ? keepPreviousData
          : undefined,
    meta: options.handlesError ? { handlesError: true } : undefined,
  });
}

/**
 * A query's answer read now, for a click that needs it (from the cache while fresh); null when it
 * failed, after the error policy (and, for a first read, the banner) took the failure.
 */
export async function readApiQuery<K extends QueryName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K> | null> {
  try {
    return await queryClient.fetchQuery<MethodOutput<K>>({ queryKey: [method, input], queryFn: () => callOrThrow(method, input) });
  } catch (error) {
    if (error instanceof ApiCallError) return null;
    throw error;
  }
}
