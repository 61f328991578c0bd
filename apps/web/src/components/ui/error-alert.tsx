import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { errorMessage, fieldKey } from '@/lib/error-message';

interface ErrorAlertProps {
  error: unknown;
  /** Fields (see `fieldKey`) whose issues the form shows under their inputs: not repeated here. */
  fieldsShown?: readonly string[];
  /** More to say after the message, e.g. a link to the record a duplicate points at. */
  children?: ReactNode;
}

/** An inline, announced error for a failed request, in the reader's language. */
export function ErrorAlert({ error, fieldsShown = [], children }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues = (isApiError(error) ? error.errors : []).filter(
    (issue) => !fieldsShown.includes(fieldKey(issue.path)),
  );
  const requestId = isApiError(error) && error.status >= 500 ? error.requestId : undefined;
  const shortages = isApiError(error) ? error.shortages : [];
  return (
    <div role="alert" className="alert alert--error">
      <p>{errorMessage(error, t)}</p>
      {children}
      {shortages.length > 0 && (
        <ul>
          {shortages.map((shortage) => (
            <li key={shortage.productId}>{t('errors.shortage', { ...shortage })}</li>
          ))}
        </ul>
      )}
      {issues.length > 0 && (
        <>
          <p>{t('errors.fieldErrors')}</p>
          <ul>
            {issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                <code>{issue.path.replace(/^\//, '') || '/'}</code> {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {requestId && <p className="alert__meta">{t('errors.requestId', { id: requestId })}</p>}
    </div>
  );
}
