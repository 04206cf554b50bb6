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

/** A call over HTTP that must succeed: answers its value, or fails the test with the error code. */
export async function callHttpOk<T = any>(baseUrl: string, method: string, input: unknown, token?: string): Promise<T> {
  const { body } = await callHttp(baseUrl, method, input, token);
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

/** Queues a pack import over HTTP and waits for the job to end; answers its final state. */
export async function importOverHttp(baseUrl: string, token: string, file: string, extra: object = {}): Promise<string> {
  return (await importJobOverHttp(baseUrl, token, file, extra)).state;
}

/** The same, answering the whole finished job (its state, and the error of a refused pack). */
export async function importJobOverHttp(baseUrl: string, token: string, file: string, extra: object = {}): Promise<{ id: string; state: string; error: ApiError | null; packId: string | null; version: string | null }> {
  const job = await callHttpOk<{ id: string }>(baseUrl, 'packs.import', { file, ...extra }, token);
  for (;;) {
    const jobs = await callHttpOk<Array<{ id: string; state: string; error: ApiError | null; packId: string | null; version: string | null }>>(baseUrl, 'packs.jobs', {}, token);
    const found = jobs.find((j) => j.id === job.id);
    if (found === undefined) throw new Error(`import job ${job.id} disappeared`);
    if (['done', 'failed', 'cancelled'].includes(found.state)) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}
