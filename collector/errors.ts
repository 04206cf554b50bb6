/**
 * Every error the collector answers with, as `{ error: '<code>' }` (+ `issues` when a body failed
 * validation). The codes are stable: the kiosk maps them to its sync problems and the dashboard
 * translates them (`errors.<code>`).
 */
export const COLLECTOR_ERROR_CODES = [
  'auth.required',
  'auth.password_wrong',
  'auth.site_token',
  'batch.invalid',
  'batch.site_mismatch',
  'body.invalid',
  'body.too_large',
  'enrol.invalid',
  'enrol.code_invalid',
  'enrol.challenge_invalid',
  'enrol.proof_invalid',
  'file.missing',
  'file.invalid',
  'file.signature_invalid',
  'file.site_mismatch',
  'code.invalid',
  'rate_limited',
  'not_found',
  'internal',
] as const;
export type CollectorErrorCode = (typeof COLLECTOR_ERROR_CODES)[number];

/** The HTTP status each code is answered with. */
export const COLLECTOR_ERROR_STATUS: Record<CollectorErrorCode, number> = {
  'auth.required': 401,
  'auth.password_wrong': 401,
  'auth.site_token': 401,
  'batch.invalid': 400,
  'batch.site_mismatch': 409,
  'body.invalid': 400,
  'body.too_large': 413,
  'enrol.invalid': 400,
  'enrol.code_invalid': 403,
  'enrol.challenge_invalid': 403,
  'enrol.proof_invalid': 403,
  'file.missing': 400,
  'file.invalid': 400,
  'file.signature_invalid': 422,
  'file.site_mismatch': 409,
  'code.invalid': 400,
  rate_limited: 429,
  not_found: 404,
  internal: 500,
};

/** A refusal with a code; `issues` says what was wrong with a body (paths and messages, never values). */
export class CollectorError extends Error {
  constructor(
    readonly code: CollectorErrorCode,
    readonly issues?: unknown[],
  ) {
    super(code);
    this.name = 'CollectorError';
  }

  get status(): number {
    return COLLECTOR_ERROR_STATUS[this.code];
  }
}

/** A zod failure as the body's `issues`: where and what, never the offending value. */
export function issuesOf(error: { issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }> }): unknown[] {
  return error.issues.slice(0, 50).map((issue) => ({ path: issue.path.map(String), code: issue.code, message: issue.message }));
}
