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
  'learner.secret_required',
  'learner.secret_wrong',
  'learner.locked',
  'certificate.not_found',
  'lesson.not_found',
  'step.not_found',
  'step.answer_required',
  'db.damaged',
  'db.too_new',
  'host.unreachable',
  'pack.not_found',
  'pack.job_not_found',
  'pack.asset_not_found',
  'drive.not_found',
  'drive.no_space',
  'drive.gone',
  'drive.verify_failed',
  'staff.login_failed',
  'pack.truncated',
  'pack.source_gone',
  'pack.disk_full',
  'pack.cancelled',
  'pack.manifest_missing',
  'pack.manifest_invalid',
  'pack.signature_missing',
  'pack.signature_invalid',
  'pack.publisher_unknown',
  'pack.file_missing',
  'pack.file_unlisted',
  'pack.file_size_mismatch',
  'pack.file_hash_mismatch',
  'pack.path_traversal',
  'pack.path_absolute',
  'pack.path_backslash',
  'pack.path_reserved_name',
  'pack.path_too_long',
  'pack.path_collision',
  'pack.path_invalid',
  'pack.symlink',
  'pack.zip_bomb',
  'pack.compression_unsupported',
  'pack.app_too_old',
  'pack.already_installed',
  'pack.downgrade',
  'key.invalid',
  'key.not_found',
  'key.shipped',
  'kiosk.not_set_up',
  'setup.already_done',
  'staff.password_wrong',
  'staff.name_taken',
  'staff.not_found',
  'staff.last_admin',
  'backup.not_found',
  'backup.damaged',
  'backup.too_new',
  'backup.verify_failed',
  'backup.restore_failed',
  'export.write_failed',
  'settings.site_code_locked',
  'sync.not_enrolled',
  'sync.url_invalid',
  'sync.plain_http_refused',
  'sync.enrol_refused',
  'sync.nothing_to_save',
  'sync.unreachable',
  'sync.tls_failed',
  'sync.token_refused',
  'sync.batch_refused',
  'sync.rate_limited',
  'sync.server_error',
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
