import type { ApiError, ErrorCode, ErrorParams } from './contract';

/** An expected failure with a stable code the UI translates; anything else is a bug. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return { code: this.code, params: this.params };
  }
}
