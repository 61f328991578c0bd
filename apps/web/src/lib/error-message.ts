import type { TFunction } from 'i18next';
import { isApiError, type ValidationIssue } from './api-client';

/** The sentence to show for any failure, from its stable code; never the server's English text. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.generic');
  if (error.code === 'RATE_LIMITED' && error.retryAfter !== undefined) {
    return t('errors.rateLimitedRetry', { count: error.retryAfter });
  }
  return t(`errors.codes.${error.code}`, { defaultValue: t('errors.generic') });
}

/** Validation issues keyed by field name ("/email" → "email"), for messages under inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const byField: Record<string, string> = {};
  for (const issue of error.errors) {
    const field = issue.path.replace(/^\/(body\/)?/, '').split('/')[0] ?? '';
    byField[field] ??= issue.message;
  }
  return byField;
}

export function validationIssues(error: unknown): ValidationIssue[] {
  return isApiError(error) ? error.errors : [];
}
