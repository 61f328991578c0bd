import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';

/** An inline, announced error for a failed request, in the reader's language. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues = isApiError(error) ? error.errors : [];
  const requestId = isApiError(error) && error.status >= 500 ? error.requestId : undefined;
  return (
    <div role="alert" className="alert alert--error">
      <p>{errorMessage(error, t)}</p>
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
