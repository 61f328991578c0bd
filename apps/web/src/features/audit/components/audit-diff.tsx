import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@gestco/contract';

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Before/after as a table of fields. On an update only the fields that
 * changed are listed; on a creation or deletion, every recorded field.
 */
export function AuditDiff({ before, after }: Pick<AuditEntry, 'before' | 'after'>) {
  const { t } = useTranslation();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const rows = keys.filter(
    (key) => !before || !after || JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  if (rows.length === 0) return <p className="muted">{t('audit.noChanges')}</p>;
  return (
    <div className="table-wrapper">
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('audit.field')}</th>
            {before && <th scope="col">{t('audit.before')}</th>}
            {after && <th scope="col">{t('audit.after')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((key) => (
            <tr key={key}>
              <th scope="row">
                <code>{key}</code>
              </th>
              {before && (
                <td className="diff diff--before">
                  <code>{show(before[key])}</code>
                </td>
              )}
              {after && (
                <td className="diff diff--after">
                  <code>{show(after[key])}</code>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
