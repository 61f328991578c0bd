import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '@gestco/contract';
import { formatCount } from '@/lib/format-number';

/** Status emails of the last 7 local days: sent, failed (to retry), still queued. */
export function EmailStats({ emails }: { emails: Dashboard['emails'] }) {
  const { t, i18n } = useTranslation();
  const figures = [
    { key: 'sent', label: t('dashboard.emailsSent'), value: emails.sent },
    { key: 'failed', label: t('dashboard.emailsFailed'), value: emails.failed },
    { key: 'queued', label: t('dashboard.emailsQueued'), value: emails.queued },
  ];
  return (
    <section className="dashboard__section panel" aria-labelledby="dashboard-emails">
      <h2 id="dashboard-emails">{t('dashboard.emailsHeading')}</h2>
      <dl className="dashboard-emails">
        {figures.map((figure) => (
          <div key={figure.key} className={`dashboard-emails__${figure.key}`}>
            <dt>{figure.label}</dt>
            <dd>{formatCount(figure.value, i18n.language)}</dd>
          </div>
        ))}
      </dl>
      {emails.failed > 0 && (
        <p>
          <Link to="/notifications?status=failed">{t('dashboard.seeFailedEmails')}</Link>
        </p>
      )}
    </section>
  );
}
