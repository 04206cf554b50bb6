import { describe, expect, it } from 'vitest';
import { Sessions } from '../../core/sessions/sessions';

describe('sessions seen by the event streams', () => {
  it('looks a session up without counting as use, and ends idle ones at the sweep, naming their token', () => {
    let now = 0;
    const ended: string[] = [];
    const sessions = new Sessions(() => 1000, () => new Date(now), (_session, token) => ended.push(token));
    const watched = sessions.open({ role: 'facilitator', learnerId: null, staffId: 1 });
    const used = sessions.open({ role: 'facilitator', learnerId: null, staffId: 2 });

    now = 900;
    expect(sessions.peek(watched)?.staffId).toBe(1);
    expect(sessions.find(used)?.staffId).toBe(2);
    // An open stream looked at `watched` at 900: it still ends 1000 ms after its last use, at 0.
    now = 1500;
    sessions.endIdle();
    expect(ended).toEqual([watched]);
    expect(sessions.peek(watched)).toBeUndefined();
    expect(sessions.peek(used)?.staffId).toBe(2);
  });
});
