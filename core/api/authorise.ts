import type { Role } from '../contract';
import type { Session } from '../sessions/sessions';

/** Whether a session (or nobody) meets a role of the contract: a method's, or an event's to receive it. */
export function authorised(role: Role, session: Session | undefined): boolean {
  switch (role) {
    case 'none':
      return true;
    case 'learner':
      return session?.role === 'learner' && session.learnerId !== null;
    case 'facilitator':
      return session?.role === 'facilitator' || session?.role === 'admin';
    case 'admin':
      return session?.role === 'admin';
  }
}
