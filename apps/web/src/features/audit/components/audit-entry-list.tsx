import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@gestco/contract';
import { useFormatDateTime } from '@/lib/format-date';
import { AuditDiff } from './audit-diff';

export function AuditEntryList({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  return (
    <ol className="audit-list">
      {entries.map((entry) => (
        <li key={entry.id} className="audit-entry">
          <dl className="audit-entry__summary">
            <div>
              <dt>{t('audit.date')}</dt>
              <dd>
                <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('audit.actor')}</dt>
              <dd>
                {entry.actorLabel}{' '}
                <span className="muted">
                  ({t(`audit.actorTypes.${entry.actorType}`)}
                  {entry.actorId !== null && ` #${entry.actorId}`})
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('audit.action')}</dt>
              <dd>
                <code>{entry.action}</code>
              </dd>
            </div>
            <div>
              <dt>{t('audit.target')}</dt>
              <dd>
                {entry.entity}
                {entry.entityId !== null && ` #${entry.entityId}`}
              </dd>
            </div>
          </dl>
          <details className="audit-entry__details">
            <summary aria-label={t('audit.detailsOf', { id: entry.id })}>
              {t('audit.details')}
            </summary>
            <AuditDiff before={entry.before} after={entry.after} />
            <dl className="audit-entry__meta">
              <dt>{t('audit.requestId')}</dt>
              <dd>
                <code>{entry.requestId ?? t('common.none')}</code>
              </dd>
              <dt>{t('audit.ip')}</dt>
              <dd>{entry.ip ?? t('common.none')}</dd>
            </dl>
            <details>
              <summary>{t('audit.rawJson')}</summary>
              <pre className="code-block">
                {JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}
              </pre>
            </details>
          </details>
        </li>
      ))}
    </ol>
  );
}
