import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { isApiError } from '@/lib/api-client';
import { fieldKey } from '@/lib/error-message';

/** The fields of a spec the API may refuse, and what to say about each. */
const KNOWN_FIELDS = ['metric', 'groupBy', 'range', 'from', 'to', 'chart', 'limit', 'totalMax'];

/**
 * A refused report says which choice the API refused and why, in the reader's
 * language (a pie of more than 366 days, a period the wrong way round…): the
 * field's name as the form labels it, then what to change.
 */
export function ReportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || error.errors.length === 0)
    return <ErrorAlert error={error} />;
  return (
    <div role="alert" className="alert alert--error">
      <p>{t('reports.errors.title')}</p>
      <ul>
        {error.errors.map((issue) => {
          // "/querystring/chart", "/spec/to" → "chart", "to".
          const field = fieldKey(issue.path).split('/').pop() ?? '';
          const known = KNOWN_FIELDS.includes(field);
          return (
            <li key={`${issue.path}:${issue.message}`}>
              {t('reports.errors.issue', {
                field: t(`reports.fields.${field}` as 'reports.fields.chart', {
                  defaultValue: field,
                }),
                message: known
                  ? t(`reports.errors.${field}` as 'reports.errors.chart')
                  : t('reports.errors.invalid'),
              })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
