import { randomBytes } from 'node:crypto';
import type { Role } from '../contract';

export interface Session {
  role: Exclude<Role, 'none'>;
  learnerId: number | null;
}

/**
 * Who is using the kiosk, by opaque token. Kept in memory on purpose: a restarted host asks the
 * person to pick their name again rather than leaving a shared PC logged in after a power cut.
 */
export class Sessions {
  private readonly byToken = new Map<string, Session>();

  open(session: Session): string {
    const token = randomBytes(32).toString('base64url');
    this.byToken.set(token, session);
    return token;
  }

  find(token: string): Session | undefined {
    return this.byToken.get(token);
  }

  close(token: string): void {
    this.byToken.delete(token);
  }
}
