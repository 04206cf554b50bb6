import type { MethodName } from '../../../core/contract';

/**
 * What each command changes, declared once: after it succeeds, the queries of these methods are
 * read again (all inputs). `everything`: the database itself was replaced.
 */
export const INVALIDATES: { readonly [K in MethodName]?: readonly MethodName[] | 'everything' } = {
  'packs.import': ['packs.jobs'],
  'packs.cancelImport': ['packs.jobs'],
  // A stick's packs say whether each is installed, and in which version.
  'packs.remove': ['packs.installed', 'drives.list', 'courses.list'],
  'packs.exportToDrive': ['drives.list'],
  // A trusted publisher changes what a stick's packs would do, and how installed ones are shown.
  'keys.trust': ['keys.list', 'keys.onSticks', 'drives.list', 'packs.installed'],
  'keys.remove': ['keys.list', 'keys.onSticks', 'drives.list', 'packs.installed'],
  'staff.create': ['staff.list'],
  'staff.setPassword': ['staff.list'],
  'staff.remove': ['staff.list'],
  'settings.update': ['settings.get'],
  'settings.setHostNames': ['settings.hostNames'],
  'learners.resetSecret': ['learners.search', 'learners.detail', 'learners.list'],
  'learners.erase': ['learners.search', 'learners.detail', 'learners.list', 'reports.get'],
  'sync.enrol': ['sync.status'],
  'sync.now': ['sync.status'],
  'sync.saveToStick': ['sync.status', 'drives.list'],
  'backup.create': ['backup.list', 'drives.list'],
  'backup.restore': 'everything',
};

/** Commands that answer with the new value of a query (taking no input): it is shown at once. */
export const ANSWERS_AS: { readonly [K in MethodName]?: MethodName } = {
  'sync.now': 'sync.status',
  'sync.enrol': 'sync.status',
};
