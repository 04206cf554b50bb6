import { create } from 'zustand';
import type { ApiError, Avatar, Language, Learner, Result } from '../../../core/contract';
import { api } from '../api/client';
import { setUiLanguage } from '../i18n/i18n';

export type Screen =
  | { name: 'loading' }
  | { name: 'language' }
  | { name: 'picker' }
  | { name: 'new-learner' }
  | { name: 'courses' }
  | { name: 'lesson'; packId: string; lessonId: string }
  | { name: 'problem'; error: ApiError };

interface AppState {
  screen: Screen;
  language: Language;
  siteName: string;
  learner: Learner | null;
  /** The last failed call, shown translated until dismissed or replaced. */
  error: ApiError | null;

  boot(): Promise<void>;
  chooseLanguage(language: Language): Promise<void>;
  go(screen: Screen): void;
  createLearner(input: { displayName: string; avatar: Avatar }): Promise<void>;
  chooseLearner(learnerId: number): Promise<void>;
  finish(): Promise<void>;
  dismissError(): void;
  /** Unwraps a call's result; on failure shows the error (or the right screen) and returns null. */
  settle<T>(result: Result<T>): T | null;
}

/** Errors that mean the kiosk itself cannot work: shown as a whole screen, not a banner. */
const FATAL = new Set(['db.damaged', 'db.too_new']);

export const useApp = create<AppState>()((set, get) => ({
  screen: { name: 'loading' },
  language: 'ky',
  siteName: '',
  learner: null,
  error: null,

  async boot() {
    const state = get().settle(await api.call('kiosk.state', {}));
    if (!state) return;
    if (state.language) await setUiLanguage(state.language);
    set({
      siteName: state.siteName,
      language: state.language ?? get().language,
      screen: state.language ? { name: 'picker' } : { name: 'language' },
    });
  },

  async chooseLanguage(language) {
    await setUiLanguage(language);
    set({ language });
    // The kiosk remembers the last language; a learner's profile remembers theirs.
    const saved = get().learner
      ? await api.call('learner.setLanguage', { language })
      : await api.call('kiosk.setLanguage', { language });
    get().settle(saved);
    if (get().screen.name === 'language') set({ screen: { name: 'picker' } });
  },

  go(screen) {
    set({ screen, error: null });
  },

  async createLearner({ displayName, avatar }) {
    const grant = get().settle(await api.call('learners.create', { displayName, avatar, language: get().language }));
    if (!grant) return;
    api.setToken(grant.token);
    set({ learner: grant.learner, screen: { name: 'courses' }, error: null });
  },

  async chooseLearner(learnerId) {
    const grant = get().settle(await api.call('learners.choose', { learnerId }));
    if (!grant) return;
    api.setToken(grant.token);
    await setUiLanguage(grant.learner.language);
    set({ learner: grant.learner, language: grant.learner.language, screen: { name: 'courses' }, error: null });
  },

  async finish() {
    await api.call('session.logout', {});
    api.setToken(null);
    set({ learner: null, screen: { name: 'picker' }, error: null });
  },

  dismissError() {
    set({ error: null });
  },

  settle(result) {
    if (result.ok) return result.value;
    const { error } = result;
    if (FATAL.has(error.code)) {
      set({ screen: { name: 'problem', error }, error: null });
    } else if (error.code === 'auth.session_expired' || error.code === 'learner.not_found') {
      api.setToken(null);
      set({ learner: null, screen: { name: 'picker' }, error });
    } else {
      set({ error });
    }
    return null;
  },
}));
