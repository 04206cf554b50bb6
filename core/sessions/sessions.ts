import { randomBytes } from 'node:crypto';
import type { Role } from '../contract';

export interface Session {
  role: Exclude<Role, 'none'>;
  learnerId: number | null;
  /** The staff account behind a facilitator's or administrator's session. */
  staffId: number | null;
}

interface Entry extends Session {
  lastSeen: number;
}

/**
 * Who is using the kiosk, by opaque token. Kept in memory on purpose: a restarted host asks the
 * person to pick their name again rather than leaving a shared PC logged in after a power cut.
 */
export class Sessions {
  private readonly byToken = new Map<string, Entry>();

  /**
   * @param maxIdleMs how long a session may go unused before it ends (for a learner, the screen's
   *   idle logout plus a margin; staff have their own, shorter, time), so a kiosk left alone does
   *   not stay logged in on the server.
   * @param onEnd called when a session ends by logout or by idling (guests are deleted then).
   */
  constructor(
    private readonly maxIdleMs: (session: Session) => number,
    private readonly now: () => Date,
    private readonly onEnd: (session: Session, token: string) => void = () => {},
  ) {}

  open(session: Session): string {
    const token = randomBytes(32).toString('base64url');
    this.byToken.set(token, { ...session, lastSeen: this.now().getTime() });
    return token;
  }

  /** The live session for a token, which counts as use; an idle one ends here. */
  find(token: string): Session | undefined {
    const entry = this.live(token);
    if (entry) entry.lastSeen = this.now().getTime();
    return entry;
  }

  /** The live session for a token without counting as use (an open event stream is not activity); an idle one ends here. */
  peek(token: string): Session | undefined {
    return this.live(token);
  }

  private live(token: string): Entry | undefined {
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    if (this.now().getTime() - entry.lastSeen > this.maxIdleMs(entry)) {
      this.end(token, entry);
      return undefined;
    }
    return entry;
  }

  /** Ends every session idle for too long now, instead of at its next use: the screen hears it (`session.ended`). */
  endIdle(): void {
    for (const token of [...this.byToken.keys()]) this.live(token);
  }

  close(token: string): void {
    const entry = this.byToken.get(token);
    if (entry) this.end(token, entry);
  }

  /** Ends every session that matches (an erased learner's, a removed account's, an account's other sessions). */
  closeWhere(matches: (session: Session, token: string) => boolean): void {
    for (const [token, entry] of [...this.byToken]) if (matches(entry, token)) this.end(token, entry);
  }

  closeAll(): void {
    this.closeWhere(() => true);
  }

  private end(token: string, entry: Entry): void {
    this.byToken.delete(token);
    this.onEnd(entry, token);
  }
}
