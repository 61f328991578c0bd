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

/**
 * The form field a validation issue is about: its JSON pointer without the leading
 * slash, a `/body` prefix or array indexes ("/email" → "email",
 * "/address/country" → "address/country", "/tags/2" → "tags").
 */
export function fieldKey(path: string): string {
  return path
    .replace(/^\/(body\/)?/, '')
    .split('/')
    .filter((segment) => segment !== '' && !/^\d+$/.test(segment))
    .join('/');
}

/** Validation issues keyed by field (see `fieldKey`), for messages under inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const byField: Record<string, string> = {};
  for (const issue of error.errors) byField[fieldKey(issue.path)] ??= issue.message;
  return byField;
}

export function validationIssues(error: unknown): ValidationIssue[] {
  return isApiError(error) ? error.errors : [];
}
