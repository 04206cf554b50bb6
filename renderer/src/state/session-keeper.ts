/**
 * The learner's session kept for this browser tab (sessionStorage), so that reloading the page
 * does not sign them out. It goes with the tab: a closed tab, a sign-out or the idle logout ends
 * it. It is also refused once the site's idle time has passed since the last activity, so a tab
 * reopened later ("reopen closed tab" brings sessionStorage back) does not open anyone's profile.
 */
const KEY = 'ayil.session';
/** Activity is written at most this often: a mouse moving fires many events a second. */
const TOUCH_EVERY_MS = 5_000;

export interface LessonRef {
  packId: string;
  lessonId: string;
}

export interface KeptSession {
  token: string;
  learnerId: number;
  /** Date.now() of the last touch or key. */
  lastActive: number;
  /** The lesson that was open, to come back to it. */
  lesson: LessonRef | null;
}

function read(): KeptSession | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<KeptSession> | null;
    if (!value || typeof value.token !== 'string' || typeof value.learnerId !== 'number' || typeof value.lastActive !== 'number') return null;
    const lesson = value.lesson && typeof value.lesson.packId === 'string' && typeof value.lesson.lessonId === 'string' ? value.lesson : null;
    return { token: value.token, learnerId: value.learnerId, lastActive: value.lastActive, lesson };
  } catch {
    return null;
  }
}

function write(session: KeptSession): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage blocked: a reload will ask for the name again, as before.
  }
}

export function keepSession(token: string, learnerId: number, now = Date.now()): void {
  write({ token, learnerId, lastActive: now, lesson: null });
}

/** The kept session, if it was active within the idle time; otherwise it is forgotten. */
export function keptSession(idleTimeoutSeconds: number, now = Date.now()): KeptSession | null {
  const session = read();
  if (session && now - session.lastActive < idleTimeoutSeconds * 1000) return session;
  forgetSession();
  return null;
}

let lastWrite = 0;
export function touchSession(now = Date.now()): void {
  if (now - lastWrite < TOUCH_EVERY_MS) return;
  const session = read();
  if (!session) return;
  lastWrite = now;
  write({ ...session, lastActive: now });
}

export function rememberLesson(lesson: LessonRef | null): void {
  const session = read();
  if (session) write({ ...session, lesson, lastActive: Date.now() });
}

export function forgetSession(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing kept.
  }
}
