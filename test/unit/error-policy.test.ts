import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../core/contract';
import { errorOutcome } from '../../renderer/src/state/error-policy';

// The renderer's one error policy: what a failed call means, wherever it was made.
const error = (code: ApiError['code']): ApiError => ({ code, params: {} });
const learner = { console: false, learner: true };
const console = { console: true, learner: false };
const nobody = { console: false, learner: false };

describe('the renderer’s error policy', () => {
  it('shows the problem screen for a database the kiosk cannot use, wherever the call was', () => {
    for (const where of [learner, console, nobody]) {
      expect(errorOutcome(error('db.damaged'), where)).toBe('problem');
      expect(errorOutcome(error('db.too_new'), where)).toBe('problem');
    }
  });

  it('signs out whoever’s session is over: staff in the console, a learner elsewhere; nobody, nothing to say', () => {
    expect(errorOutcome(error('auth.session_expired'), console)).toBe('staff-signed-out');
    expect(errorOutcome(error('auth.session_expired'), learner)).toBe('learner-signed-out');
    expect(errorOutcome(error('auth.session_expired'), nobody)).toBe('ignore');
  });

  it('treats a missing learner as the learner gone outside the console, and as the one looked at inside it', () => {
    expect(errorOutcome(error('learner.not_found'), learner)).toBe('learner-signed-out');
    expect(errorOutcome(error('learner.not_found'), nobody)).toBe('learner-signed-out');
    expect(errorOutcome(error('learner.not_found'), console)).toBe('here');
  });

  it('leaves anything else to be said where the call was made', () => {
    for (const where of [learner, console, nobody]) {
      expect(errorOutcome(error('staff.password_wrong'), where)).toBe('here');
      expect(errorOutcome(error('host.unreachable'), where)).toBe('here');
    }
  });
});
