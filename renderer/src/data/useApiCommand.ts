import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiError, MethodInput, MethodOutput } from '../../../core/contract';
import { ApiCallError, callOrThrow, errorToShow } from './call';
import type { CommandName } from './kinds';

/**
 * A command method (one that may change something). `run` resolves to the answer, or null when
 * the call failed, once the queries it changes (`invalidation.ts`) have been read again; `busy`
 * until then; `error` is the failure to show beside the action (null when the error policy took
 * it), also handed to `run`'s `failed` for a form that acts on it.
 */
export function useApiCommand<K extends CommandName>(method: K) {
  const mutation = useMutation<MethodOutput<K>, Error, MethodInput<K>>({
    mutationKey: [method],
    mutationFn: (input) => callOrThrow(method, input),
  });
  const { mutateAsync, reset } = mutation;
  const run = useCallback(
    async (input: MethodInput<K>, failed?: (error: ApiError) => void): Promise<MethodOutput<K> | null> => {
      try {
        return await mutateAsync(input);
      } catch (error) {
        if (!(error instanceof ApiCallError)) throw error;
        const shown = errorToShow(error);
        if (shown) failed?.(shown);
        return null;
      }
    },
    [mutateAsync],
  );
  return { run, busy: mutation.isPending, error: errorToShow(mutation.error), data: mutation.data ?? null, reset };
}
