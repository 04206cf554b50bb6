import type { MethodName, MethodOutput, MethodRole, ParsedInput } from '../contract';
import type { Learners } from '../learners/learners';
import type { Settings } from '../kiosk/settings';
import type { Catalog } from '../packs/catalog';
import type { Progress } from '../progress/progress';
import type { Sessions } from '../sessions/sessions';

/** What a handler knows about its caller; learner methods always get a learner id. */
export interface CallContext<R> {
  token: string | null;
  learnerId: R extends 'learner' ? number : number | null;
}

export type Handlers = {
  [K in MethodName]: (input: ParsedInput<K>, ctx: CallContext<MethodRole<K>>) => MethodOutput<K> | Promise<MethodOutput<K>>;
};

export interface Services {
  learners: Learners;
  sessions: Sessions;
  settings: Settings;
  catalog: Catalog;
  progress: Progress;
}

const done = { done: true } as const;

/** The implementation of every contract method, each a thin call into a core service. */
export function createHandlers({ learners, sessions, settings, catalog, progress }: Services): Handlers {
  const grant = (learnerId: number) => ({
    learner: learners.get(learnerId),
    token: sessions.open({ role: 'learner', learnerId }),
  });

  return {
    'kiosk.state': () => ({ language: settings.language(), siteName: settings.siteName() }),
    'kiosk.setLanguage': ({ language }) => {
      settings.setLanguage(language);
      return done;
    },
    'learners.list': () => learners.list(),
    'learners.create': (input) => grant(learners.create(input).id),
    'learners.choose': ({ learnerId }) => grant(learnerId),
    'session.logout': (_input, { token }) => {
      if (token) sessions.close(token);
      return done;
    },
    'learner.setLanguage': ({ language }, { learnerId }) => {
      learners.setLanguage(learnerId, language);
      return done;
    },
    'courses.list': (_input, { learnerId }) => progress.courses(learnerId),
    'lessons.get': ({ packId, lessonId }, { learnerId }) => progress.lesson(learnerId, packId, lessonId),
    'progress.submitStep': ({ packId, lessonId, stepId, answer }, { learnerId }) =>
      progress.submitStep(learnerId, packId, lessonId, stepId, answer),
    'packs.installed': () =>
      catalog.list().map(({ manifest, installedAt }) => ({
        id: manifest.id,
        version: manifest.version,
        title: manifest.title,
        installedAt,
      })),
  };
}
