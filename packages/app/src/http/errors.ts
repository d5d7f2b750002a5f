/**
 * Typed errors with stable ids. Domain code throws these; `error-handlers.ts` maps them to HTTP in
 * one place. `message` is for people; `detail` is for the log and never leaves the server.
 */
export const errorIds = [
  'not_found',
  'validation_failed',
  'conflict',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'bad_request',
  'internal',
] as const;
export type ErrorId = (typeof errorIds)[number];

const statusOf: Record<ErrorId, number> = {
  not_found: 404,
  validation_failed: 400,
  bad_request: 400,
  conflict: 409,
  unauthenticated: 401,
  /** Only for what a token or role may do in general, never for a particular record (that is not_found). */
  forbidden: 403,
  rate_limited: 429,
  internal: 500,
};

/** A problem with one input field, shown in a GOV.UK error summary or returned as JSON. */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly id: ErrorId,
    message: string,
    readonly options: { fields?: FieldError[]; detail?: string; data?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.status = statusOf[id];
  }
}

/** The record does not exist, or the caller may not know that it does. Never say which. */
export class NotFoundError extends AppError {
  constructor(detail?: string) {
    super('not_found', 'Page not found', detail === undefined ? {} : { detail });
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldError[]) {
    super('validation_failed', 'There is a problem with the information you entered', { fields });
  }
}

/** Someone else changed the record since it was read (optimistic locking). */
export class ConflictError extends AppError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('conflict', message, { data });
  }
}
