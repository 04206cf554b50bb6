import { AppError } from '../errors';
import type { Handlers } from './handlers';

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
  | 'learners.search'
  | 'learners.detail'
  | 'learners.erase'
  | 'backup.create'
  | 'backup.list'
  | 'backup.restore'
  | 'keys.remove';

const todo = (): never => {
  throw new AppError('internal');
};

// TODO(issue 5): filled in by the admin-core work.
export function createAdminHandlers(): Pick<Handlers, AdminMethod> {
  return {
    'setup.complete': todo,
    'staff.me': todo,
    'staff.list': todo,
    'staff.create': todo,
    'staff.setPassword': todo,
    'staff.remove': todo,
    'settings.get': todo,
    'settings.update': todo,
    'learners.search': todo,
    'learners.detail': todo,
    'learners.erase': todo,
    'backup.create': todo,
    'backup.list': todo,
    'backup.restore': todo,
    'keys.remove': todo,
  };
}
