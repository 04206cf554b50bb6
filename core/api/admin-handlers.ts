import { AppError } from '../errors';
import { ownHostNames } from '../kiosk/host-names';
import type { Handlers, Services } from './handlers';

/** Console methods for site set-up, staff accounts, settings, learners, keys and backups. */
export type AdminMethod =
  | 'setup.complete'
  | 'staff.me'
  | 'staff.list'
  | 'staff.create'
  | 'staff.setPassword'
  | 'staff.remove'
  | 'settings.get'
  | 'settings.update'
  | 'settings.hostNames'
  | 'settings.setHostNames'
  | 'learners.search'
  | 'learners.detail'
  | 'learners.erase'
  | 'backup.create'
  | 'backup.list'
  | 'backup.restore'
  | 'keys.remove';

const done = { done: true } as const;

/** A staff method always has a staff session behind it (dispatch checked the role). */
function staffIdOf(ctx: { staffId: number | null }): number {
  if (ctx.staffId === null) throw new AppError('auth.forbidden');
  return ctx.staffId;
}

export function createAdminHandlers(services: Services): Pick<Handlers, AdminMethod> {
  const { settings, staff, sessions, learnerAdmin, backups, trust } = services;
  return {
    'setup.complete': async (input, { kioskScreen }) => {
      const staffId = await services.completeSetup(input, { kioskScreen });
      return { token: sessions.open({ role: 'admin', learnerId: null, staffId }), role: 'admin' as const };
    },
    'staff.me': (_input, ctx) => {
      const account = staff.get(staffIdOf(ctx));
      return { id: account.id, name: account.name, role: account.role };
    },
    'staff.list': () => staff.list(),
    'staff.create': async ({ yourPassword, ...input }, ctx) => {
      await services.confirmPassword(ctx, yourPassword);
      return staff.get(await staff.create(input));
    },
    'staff.setPassword': async ({ staffId, password, yourPassword }, ctx) => {
      await services.confirmPassword(ctx, yourPassword);
      await staff.setPassword(staffId, password);
      // Whoever was signed in with the old password is signed out (the caller stays).
      sessions.closeWhere((session, token) => session.staffId === staffId && token !== ctx.token);
      return done;
    },
    'staff.remove': ({ staffId }) => {
      staff.remove(staffId);
      // A removed account is signed out everywhere at once, not at its next idle timeout.
      sessions.closeWhere((session) => session.staffId === staffId);
      return done;
    },
    'settings.get': () => settings.site(),
    'settings.hostNames': () => ({ own: ownHostNames(), added: settings.hostNames() }),
    'settings.setHostNames': ({ names }) => {
      settings.setHostNames(names);
      return done;
    },
    'settings.update': (site) => {
      if (site.siteCode !== settings.siteCode() && services.sync.siteCodeLocked()) throw new AppError('settings.site_code_locked');
      settings.updateSite(site);
      return done;
    },
    'learners.search': ({ query, offset, limit }) => learnerAdmin.search(query, offset, limit),
    'learners.detail': ({ learnerId }) => learnerAdmin.detail(learnerId),
    'learners.erase': ({ learnerId }) => {
      learnerAdmin.erase(learnerId);
      sessions.closeWhere((session) => session.learnerId === learnerId);
      return done;
    },
    'backup.create': async ({ password, passphrase, target }, ctx) => {
      await services.confirmPassword(ctx, password);
      return backups.create(target, passphrase);
    },
    'backup.list': ({ target, passphrase }) => backups.list(target, passphrase),
    'backup.restore': async ({ password, passphrase, file }, ctx) => {
      await services.confirmPassword(ctx, password);
      return { keptAside: await backups.restore(file, passphrase) };
    },
    'keys.remove': ({ keyId }) => {
      trust.remove(keyId);
      return done;
    },
  };
}
