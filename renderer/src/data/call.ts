import type { ApiError, MethodInput, MethodName, MethodOutput } from '../../../core/contract';
import { api } from '../api/client';
import { useApp } from '../state/app-store';

/** A call that failed, as queries and commands throw it. */
export class ApiCallError extends Error {
  constructor(
    readonly error: ApiError,
    /** The error policy already acted on it (problem screen, picker): nothing to show where the call was. */
    readonly taken: boolean,
  ) {
    super(error.code);
  }
}

/** Calls a method; a failure goes through the one error policy first, then is thrown. */
export async function callOrThrow<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const result = await api.call(method, input);
  if (result.ok) return result.value;
  throw new ApiCallError(result.error, useApp.getState().takeError(result.error));
}

/** The error to show where the call was made, or null (none, or the policy took it). */
export function errorToShow(error: unknown): ApiError | null {
  return error instanceof ApiCallError && !error.taken ? error.error : null;
}
