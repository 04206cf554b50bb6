import type { AyilBridge, AyilDesktopBridge, MethodInput, MethodName, MethodOutput, Result } from '../../../core/contract';

/** How a call travels: Electron IPC (`window.ayil`) or HTTP to the browser host. Same shape. */
export type Transport = AyilBridge['call'];

declare global {
  interface Window {
    /** The desktop app's preload bridge; each desktop addition is used only where it is there. */
    ayil?: AyilBridge & Partial<Omit<AyilDesktopBridge, 'call'>>;
  }
}

/** The desktop app's additions to the bridge, or null in a browser. */
export function desktop(): Partial<Omit<AyilDesktopBridge, 'call'>> | null {
  return window.ayil ?? null;
}

export const httpTransport: Transport = async (method, input, token) => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const response = await fetch(`api/${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    return (await response.json()) as Result<unknown>;
  } catch {
    // The host is gone (stopped, restarting, network cable out): say so instead of hanging.
    return { ok: false, error: { code: 'host.unreachable', params: {} } };
  }
};

/** The renderer's one typed API client; it knows the contract's types, never Node. */
export class ApiClient {
  private token: string | null = null;

  constructor(private readonly transport: Transport) {}

  setToken(token: string | null): void {
    this.token = token;
  }

  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<Result<MethodOutput<K>>> {
    return this.transport(method, input, this.token) as Promise<Result<MethodOutput<K>>>;
  }
}

export const api = new ApiClient(window.ayil ? window.ayil.call.bind(window.ayil) : httpTransport);

/**
 * Where the page loads a file of an installed pack: Electron serves them at pack://<id>/…,
 * the browser host at packs/<id>/… on its own origin.
 */
export function assetUrl(packId: string, file: string): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return window.ayil ? `pack://${packId}/${path}` : `packs/${encodeURIComponent(packId)}/${path}`;
}
