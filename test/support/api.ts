import type { ApiError, MethodInput, MethodName } from '../../core/contract';

/** The JSON body of any answer, loosely typed so tests can assert on either branch. */
export interface WireBody {
  ok: boolean;
  value?: any;
  error?: ApiError;
}

/** A bare HTTP call to the host's API, as any client on the LAN could make it. */
export async function callHttp<K extends MethodName>(
  baseUrl: string,
  method: K | (string & {}),
  input: MethodInput<K> | unknown,
  token?: string,
): Promise<{ status: number; body: WireBody }> {
  const response = await fetch(new URL(`api/${method}`, baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as WireBody };
}
