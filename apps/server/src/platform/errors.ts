import { errorCatalog, type ErrorCode } from '@hirehall/shared/errors';

/** The one error type. `message` defaults to the catalogue's Chinese text. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCatalog[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.details = details;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const conflict = (message?: string) => new AppError('CONFLICT', message);
