import { z } from 'zod';

/**
 * Stable error codes that cross the API boundary. Each maps to the i18n key `errors.<code>`;
 * `params` fill its placeholders. No stack traces and no English sentences cross the boundary.
 */
export const ERROR_CODES = [
  'input.invalid',
  'api.unknown_method',
  'api.bad_request',
  'auth.forbidden',
  'auth.session_expired',
  'learner.not_found',
  'lesson.not_found',
  'step.not_found',
  'step.answer_required',
  'db.damaged',
  'db.too_new',
  'host.unreachable',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.array(z.object({ path: z.string(), code: z.string() }))]),
);
export type ErrorParams = z.infer<typeof ErrorParamsSchema>;

export const ApiErrorSchema = z.object({ code: ErrorCodeSchema, params: ErrorParamsSchema });
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
