import type { CommandName, QueryName } from './kinds';

/**
 * What each command changes, declared once for every command of the contract (a new command
 * does not compile until it says): after it succeeds, the queries of these methods are read again
 * (all inputs). `everything`: the database itself was replaced.
 */
export const INVALIDATES: { readonly [K in CommandName]: readonly QueryName[] | 'everything' } = {
  'kiosk.setLanguage': [],
  'setup.complete': [],
  // Signing in and out empties the cache anyway (query-client.ts).
  'learners.create': ['learners.list'],
  'learners.choose': ['learners.list'],
  'learners.guest': [],
  'session.logout': [],
  'staff.login': [],
  'events.ticket': [],
  'learner.setLanguage': ['learner.me'],
  'learner.setProfile': ['learner.me'],
  'learner.setSecret': ['learner.me'],
  'progress.submitStep': ['courses.list', 'certificates.mine'],
  'packs.import': ['packs.jobs'],
  'packs.cancelImport': ['packs.jobs'],
  // A stick's packs say whether each is installed, and in which version.
  'packs.remove': ['packs.installed', 'drives.packs', 'courses.list'],
  'packs.exportToDrive': ['drives.list', 'drives.packs'],
  // Who may publish an id: how installed packs and a stick's packs are shown.
  'packs.transfer': ['packs.installed', 'drives.packs'],
  // A trusted publisher changes what a stick's packs would do, and how installed ones are shown.
  'keys.trust': ['keys.list', 'keys.onSticks', 'drives.packs', 'packs.installed'],
  'keys.remove': ['keys.list', 'keys.onSticks', 'drives.packs', 'packs.installed'],
  'staff.create': ['staff.list'],
  'staff.setPassword': ['staff.list'],
  'staff.remove': ['staff.list'],
  'settings.update': ['settings.get'],
  'settings.setHostNames': ['settings.hostNames'],
  // One learner's details (their courses) change with neither; an erased one's are not asked again.
  'learners.resetSecret': ['learners.search', 'learners.list'],
  'learners.erase': ['learners.search', 'learners.list', 'reports.get'],
  'stats.export': [],
  'sync.enrol': ['sync.status'],
  'sync.now': ['sync.status'],
  'sync.saveToStick': ['sync.status', 'drives.list'],
  'backup.create': ['backup.list', 'drives.list'],
  'backup.restore': 'everything',
};

/** Commands that answer with the new value of a query that takes no input: it is shown at once. */
export const ANSWERS_AS: { readonly [K in CommandName]?: QueryName } = {
  'sync.now': 'sync.status',
  'sync.enrol': 'sync.status',
};
