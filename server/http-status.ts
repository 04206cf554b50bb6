import type { ErrorCode, Result } from '../core/contract';

/** HTTP status for each error code; typed so that a new code cannot be added without one. */
const STATUS: Record<ErrorCode, number> = {
  'input.invalid': 400,
  'api.bad_request': 400,
  'step.answer_required': 400,
  'auth.session_expired': 401,
  'auth.forbidden': 403,
  'api.unknown_method': 404,
  'learner.not_found': 404,
  'lesson.not_found': 404,
  'step.not_found': 404,
  'internal': 500,
  'db.damaged': 503,
  'db.too_new': 503,
  'host.unreachable': 503,
};

export const httpStatusOf = (result: Result<unknown>): number => (result.ok ? 200 : STATUS[result.error.code]);
