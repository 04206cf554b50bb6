import { create } from 'zustand';
import { LANGUAGES, type ApiError, type Avatar, type Gender, type KeyboardLayout, type Language, type Learner, type MethodOutput, type Result, type Secret } from '../../../core/contract';
import { api } from '../api/client';
import { setUiLanguage } from '../i18n/i18n';
import { errorOutcome } from './error-policy';
import { forgetSession, keepSession, keptSession, rememberLesson } from './session-keeper';

export type Certificate = MethodOutput<'certificates.mine'>[number];

export const TEXT_SIZES = ['normal', 'large', 'largest'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export interface Comfort {
  textSize: TextSize;
  highContrast: boolean;
}

const COMFORT_KEY = 'ayil.comfort';

/** The kiosk's last text size and contrast; a broken or missing entry means the defaults. */
function loadComfort(): Comfort {
  const comfort: Comfort = { textSize: 'normal', highContrast: false };
  try {
    const saved = JSON.parse(localStorage.getItem(COMFORT_KEY) ?? '{}') as Partial<Comfort>;
    if (TEXT_SIZES.includes(saved.textSize as TextSize)) comfort.textSize = saved.textSize!;
    comfort.highContrast = saved.highContrast === true;
  } catch {
    // Storage blocked or garbled: the defaults will do.
  }
  applyComfort(comfort);
  return comfort;
}

/** Styles hang off <html> attributes, so every screen follows at once. */
function applyComfort(comfort: Comfort): void {
  document.documentElement.dataset.textSize = comfort.textSize;
  document.documentElement.dataset.theme = comfort.highContrast ? 'contrast' : 'standard';
}

function saveComfort(comfort: Comfort): void {
  applyComfort(comfort);
  try {
    localStorage.setItem(COMFORT_KEY, JSON.stringify(comfort));
  } catch {
    // Not remembered, but still applied for this visit.
  }
}

export type Screen =
  | { name: 'loading' }
  | { name: 'language' }
  | { name: 'picker' }
  | { name: 'new-learner' }
  /** A protected profile asks for its PIN or pictures before it opens. */
  | { name: 'unlock'; learner: Learner; lockedUntil?: number }
  | { name: 'profile-questions' }
  | { name: 'courses' }
  | { name: 'lesson'; packId: string; lessonId: string }
  | { name: 'certificates' }
  | { name: 'certificate'; certificate: Certificate }
  | { name: 'problem'; error: ApiError }
  /** First start: the site's set-up wizard; learners cannot use the kiosk until it is done. */
  | { name: 'setup' }
  /** `notice`: why staff land here (after a restore everyone must sign in again). */
  | { name: 'staff-login'; notice?: 'restored' }
  | { name: 'console' };

/** Why the picker greets the next person with a note: the last learner was signed out for idling. */
export type PickerNotice = 'idle' | 'idle-guest' | null;

/** Whether each screen reads itself aloud when it opens: a learner's choice, kept on this kiosk. */
const AUTOPLAY_KEY = (learnerId: number) => `ayil.autoplay.${learnerId}`;

function loadAutoplay(learner: Learner): boolean {
  if (learner.guest) return false;
  try {
    return localStorage.getItem(AUTOPLAY_KEY(learner.id)) === 'on';
  } catch {
    return false;
  }
}

/** Errors the unlock screen shows next to the number pad instead of in the banner. */
const SECRET_ERRORS = new Set(['learner.secret_required', 'learner.secret_wrong', 'learner.locked', 'learner.locked_ask_librarian', 'auth.too_many_tries']);

interface AppState {
  screen: Screen;
  language: Language;
  siteName: string;
  /** The languages the site offers learners (the set-up and the console offer all of them). */
  languages: Language[];
  /** Seconds without a touch or key before the screen logs the learner out (the site's setting). */
  idleTimeoutSeconds: number;
  /** The same for the staff console: its own setting, so a short learner time never ends a librarian's work. */
  staffIdleTimeoutSeconds: number;
  /** The Kyrgyz keyboard of the site's PCs, which the keyboard practice shows. */
  keyboardLayout: KeyboardLayout;
  learner: Learner | null;
  /** Wrong PIN or picture tries on the learner's profile since their last visit: told once, until dismissed. */
  wrongTries: number;
  /** The last failed call, shown translated until dismissed or replaced. */
  error: ApiError | null;
  /** Text size and contrast: the kiosk's, kept in localStorage, never a learner's. */
  comfort: Comfort;
  /** Shown on the picker until the next person does something. */
  notice: PickerNotice;
  /** The learner wants each screen read aloud as it opens. */
  autoplay: boolean;

  boot(): Promise<void>;
  chooseLanguage(language: Language): Promise<void>;
  go(screen: Screen): void;
  createLearner(input: { displayName: string; avatar: Avatar; secret?: Secret }): Promise<void>;
  /** Opens a profile; returns a secret problem (wrong, locked…) for the unlock screen to show. */
  chooseLearner(learnerId: number, secret?: Secret): Promise<ApiError | null>;
  startGuest(): Promise<void>;
  saveProfile(gender: Gender, birthYear: number | null): Promise<void>;
  /** Signs the learner out; `idle` when nobody was there (the picker then says so). */
  finish(reason?: 'idle'): Promise<void>;
  setAutoplay(on: boolean): void;
  /** Reads the kiosk's site name, languages and idle time again (after set-up, settings, a restore). */
  reloadKiosk(): Promise<void>;
  setComfort(comfort: Partial<Comfort>): void;
  dismissError(): void;
  dismissWrongTries(): void;
  /**
   * Applies the error policy (`error-policy.ts`) to a failed call: a screen of its own (problem,
   * picker) or nothing at all. Returns false when the error is to be shown where the call was made.
   */
  takeError(error: ApiError): boolean;
  /** Unwraps a call's result; on failure takes the error, or else shows it in the banner, and returns null. */
  settle<T>(result: Result<T>): T | null;
}

/** Everything a learner leaves in the store; reset in one place so logout cannot miss a field. */
const NO_LEARNER = { learner: null, wrongTries: 0, screen: { name: 'picker' }, error: null, autoplay: false } as const satisfies Partial<AppState>;

export const useApp = create<AppState>()((set, get) => {
  /** After any way in (create, choose, guest): the questions once, then the courses. */
  async function enter(grant: { learner: Learner; token: string; wrongTriesSinceLastVisit: number }) {
    api.setToken(grant.token);
    keepSession(grant.token, grant.learner.id);
    // Guests are deleted at logout, so their answers would count nobody: they are not asked.
    const me = grant.learner.guest ? null : await api.call('learner.me', {});
    if (grant.learner.language !== get().language) await setUiLanguage(grant.learner.language);
    // One update: the learner, their language and their first screen appear together.
    set({
      learner: grant.learner,
      wrongTries: grant.wrongTriesSinceLastVisit,
      language: grant.learner.language,
      error: null,
      notice: null,
      autoplay: loadAutoplay(grant.learner),
      screen: me?.ok && !me.value.profileAsked ? { name: 'profile-questions' } : { name: 'courses' },
    });
  }

  /**
   * After a reload: the tab's learner comes back, on the lesson they had open, if they were active
   * within the idle time and core still knows the session. Otherwise nobody is signed in.
   */
  async function resume(idleTimeoutSeconds: number): Promise<Screen | null> {
    const kept = keptSession(idleTimeoutSeconds);
    if (!kept) return null;
    api.setToken(kept.token);
    const me = await api.call('learner.me', {});
    if (!me.ok || me.value.learner.id !== kept.learnerId) {
      api.setToken(null);
      // Only core's word ends the kept session: a call cut short (the page reloading while it
      // was under way, the host restarting) leaves it for the next load to try again.
      if (me.ok || me.error.code !== 'host.unreachable') forgetSession();
      return null;
    }
    const { learner } = me.value;
    await setUiLanguage(learner.language);
    set({ learner, language: learner.language, autoplay: loadAutoplay(learner) });
    if (!learner.guest && !me.value.profileAsked) return { name: 'profile-questions' };
    return kept.lesson ? { name: 'lesson', ...kept.lesson } : { name: 'courses' };
  }

  return {
    screen: { name: 'loading' },
    language: 'ky',
    siteName: '',
    languages: [...LANGUAGES],
    idleTimeoutSeconds: 300,
    staffIdleTimeoutSeconds: 900,
    keyboardLayout: 'windows',
    learner: null,
    wrongTries: 0,
    error: null,
    comfort: loadComfort(),
    notice: null,
    autoplay: false,

    async boot() {
      const state = get().settle(await api.call('kiosk.state', {}));
      if (!state) return;
      if (state.language) await setUiLanguage(state.language);
      const resumed = state.setUp ? await resume(state.idleTimeoutSeconds) : null;
      set({
        siteName: state.siteName,
        languages: state.languages,
        idleTimeoutSeconds: state.idleTimeoutSeconds,
        staffIdleTimeoutSeconds: state.staffIdleTimeoutSeconds,
        keyboardLayout: state.keyboardLayout,
        language: get().learner?.language ?? state.language ?? get().language,
        screen: resumed ?? (!state.setUp ? { name: 'setup' } : state.language ? { name: 'picker' } : { name: 'language' }),
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
      if (get().learner) rememberLesson(screen.name === 'lesson' ? { packId: screen.packId, lessonId: screen.lessonId } : null);
      set({ screen, error: null, notice: null });
    },

    async createLearner({ displayName, avatar, secret }) {
      const input = { displayName, avatar, language: get().language, ...(secret ? { secret } : {}) };
      const grant = get().settle(await api.call('learners.create', input));
      if (grant) await enter(grant);
    },

    async chooseLearner(learnerId, secret) {
      const result = await api.call('learners.choose', secret ? { learnerId, secret } : { learnerId });
      if (!result.ok && SECRET_ERRORS.has(result.error.code)) return result.error;
      const grant = get().settle(result);
      if (grant) await enter(grant);
      return null;
    },

    async startGuest() {
      const grant = get().settle(await api.call('learners.guest', { language: get().language }));
      if (grant) await enter(grant);
    },

    async saveProfile(gender, birthYear) {
      const saved = get().settle(await api.call('learner.setProfile', { gender, birthYear }));
      if (saved) set({ screen: { name: 'courses' }, error: null });
    },

    async finish(reason) {
      // The screen empties first, so nothing of this learner stays visible while core answers.
      const left = get().learner;
      set({ ...NO_LEARNER, notice: reason === 'idle' && left ? (left.guest ? 'idle-guest' : 'idle') : null });
      forgetSession();
      await api.call('session.logout', {});
      api.setToken(null);
      // Back to the kiosk's own language and settings, not the last learner's.
      await get().reloadKiosk();
    },

    async reloadKiosk() {
      const state = await api.call('kiosk.state', {});
      if (state.ok && !get().learner) {
        if (state.value.language && state.value.language !== get().language) await setUiLanguage(state.value.language);
        set({
          siteName: state.value.siteName,
          languages: state.value.languages,
          idleTimeoutSeconds: state.value.idleTimeoutSeconds,
          staffIdleTimeoutSeconds: state.value.staffIdleTimeoutSeconds,
          keyboardLayout: state.value.keyboardLayout,
          language: state.value.language ?? get().language,
        });
      }
    },

    setAutoplay(on) {
      const learner = get().learner;
      set({ autoplay: on });
      if (!learner || learner.guest) return;
      try {
        localStorage.setItem(AUTOPLAY_KEY(learner.id), on ? 'on' : 'off');
      } catch {
        // Kept for this visit only.
      }
    },

    setComfort(change) {
      const comfort = { ...get().comfort, ...change };
      saveComfort(comfort);
      set({ comfort });
    },

    dismissError() {
      set({ error: null });
    },

    dismissWrongTries() {
      set({ wrongTries: 0 });
    },

    takeError(error) {
      const state = get();
      switch (errorOutcome(error, { console: state.screen.name === 'console', learner: state.learner !== null })) {
        case 'problem':
          set({ screen: { name: 'problem', error }, error: null });
          return true;
        case 'learner-signed-out':
          api.setToken(null);
          forgetSession();
          set({ ...NO_LEARNER, error });
          return true;
        case 'staff-signed-out':
          api.setToken(null);
          set({ screen: { name: 'picker' }, error: { code: error.code, params: { context: 'staff' } } });
          void get().reloadKiosk();
          return true;
        case 'ignore':
          return true;
        case 'here':
          return false;
      }
    },

    settle(result) {
      if (result.ok) return result.value;
      if (!get().takeError(result.error)) set({ error: result.error });
      return null;
    },
  };
});
