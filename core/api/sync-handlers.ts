import type { Handlers, Services } from './handlers';

/** Console methods for sending the anonymised figures to the programme's collector (docs/sync.md). */
export type SyncMethod = 'sync.status' | 'sync.enrol' | 'sync.now' | 'sync.saveToStick';

export function createSyncHandlers({ sync }: Pick<Services, 'sync'>): Pick<Handlers, SyncMethod> {
  return {
    'sync.status': () => sync.status(),
    'sync.enrol': (input) => sync.enrol(input),
    'sync.now': () => sync.sendNow(),
    'sync.saveToStick': ({ target }) => sync.saveToStick(target),
  };
}
