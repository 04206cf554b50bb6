import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../core/contract';
import { callOrThrow } from './call';
import { liveRefresh } from './live-updates';

export interface ApiQueryOptions<K extends MethodName> {
  /** False while the input is not known yet. */
  enabled?: boolean;
  /**
   * Keeps the last answer on screen while another input loads (a new period, say); a function
   * says for which previous inputs.
   */
  keepPrevious?: boolean | ((previous: MethodInput<K>) => boolean);
}

/**
 * What a method answers for an input, read when a component shows it and again when a command
 * or an event changes it. A failure goes through the error policy (see `call.ts`).
 */
export function useApiQuery<K extends MethodName>(method: K, input: MethodInput<K>, options: ApiQueryOptions<K> = {}) {
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
    refetchInterval: liveRefresh(method),
  });
}
