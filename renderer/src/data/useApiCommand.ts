import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../core/contract';
import { ApiCallError, callOrThrow, errorToShow } from './call';

/**
 * A method that changes something. `run` resolves to the answer, or null when the call failed;
 * `busy` while it runs; `error` is the failure to show beside the action (null when the error
 * policy took it). The queries it changes are read again (`invalidation.ts`).
 */
export function useApiCommand<K extends MethodName>(method: K) {
  const mutation = useMutation<MethodOutput<K>, Error, MethodInput<K>>({
    mutationKey: [method],
    mutationFn: (input) => callOrThrow(method, input),
  });
  const { mutateAsync, reset } = mutation;
  const run = useCallback(
    async (input: MethodInput<K>): Promise<MethodOutput<K> | null> => {
      try {
        return await mutateAsync(input);
      } catch (error) {
        if (error instanceof ApiCallError) return null;
        throw error;
      }
    },
    [mutateAsync],
  );
  return { run, busy: mutation.isPending, error: errorToShow(mutation.error), data: mutation.data ?? null, reset };
}
