import type { Handlers, Services } from './handlers';

/** Console methods for sending the anonymised figures to the programme's collector (docs/sync.md). */
export type SyncMethod = 'sync.status' | 'sync.enrol' | 'sync.now' | 'sync.saveToStick';

export function createSyncHandlers({ sync, confirmPassword }: Pick<Services, 'sync' | 'confirmPassword'>): Pick<Handlers, SyncMethod> {
  return {
    'sync.status': () => sync.status(),
    'sync.enrol': async ({ password, ...input }, ctx) => {
      // Enrolment decides where the figures go: the administrator confirms it is really them.
      await confirmPassword(ctx, password);
      return sync.enrol(input);
    },
    'sync.now': () => sync.sendNow(),
    'sync.saveToStick': ({ target }) => sync.saveToStick(target),
  };
}
