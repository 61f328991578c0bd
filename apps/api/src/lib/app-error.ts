import { type ErrorCode, type StockShortage, errorStatus } from '@gestco/contract';

export interface ValidationIssue {
  path: string;
  message: string;
}

/** The one error type of the API: a stable code, mapped to a status in the contract. */
export class AppError extends Error {
  override name = 'AppError';
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: {
      shortages?: StockShortage[];
      allowed?: string[];
      errors?: ValidationIssue[];
      existingId?: number;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message ?? code);
    this.statusCode = errorStatus[code];
  }
}

export const versionConflict = (entity: string) =>
  new AppError(
    'VERSION_CONFLICT',
    `The ${entity} was changed by someone else; reload and try again.`,
  );
