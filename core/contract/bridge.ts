import type { Result } from './result';

/** The single IPC channel the Electron host serves the API table on. */
export const IPC_CHANNEL = 'ayil:call';

/**
 * What the Electron preload exposes as `window.ayil`: the API call and nothing else.
 * The HTTP transport implements the same shape, so the renderer cannot tell them apart.
 */
export interface AyilBridge {
  call(method: string, input: unknown, token: string | null): Promise<Result<unknown>>;
}
