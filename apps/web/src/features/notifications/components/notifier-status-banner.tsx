import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotifierStatus } from '@gestco/contract';
import { formatCount } from '@/lib/format-number';

/**
 * How emails leave: through SendGrid, or kept in the test outbox when no API key
 * is set (issue #6: try everything before configuring SendGrid). Says how to switch.
 */
export function NotifierStatusBanner({ status }: { status: NotifierStatus }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const local = status.transport === 'local';
  return (
    <section
      className={
        local ? 'alert alert--warning notifier-status' : 'alert alert--info notifier-status'
      }
      aria-labelledby={titleId}
    >
      <h2 id={titleId} className="notifier-status__title">
        {local ? t('notifications.status.localTitle') : t('notifications.status.sendgridTitle')}
      </h2>
      {local ? (
        <>
          <p>{t('notifications.status.localBody')}</p>
          <p>
            {t('notifications.status.howToSwitch')} <code>SENDGRID_API_KEY</code>,{' '}
            <code>MAIL_FROM</code> {t('notifications.status.howToSwitchEnd')}
          </p>
        </>
      ) : (
        <p>{t('notifications.status.sendgridBody')}</p>
      )}
      <dl className="notifier-status__figures">
        <div>
          <dt>{t('notifications.status.sender')}</dt>
          <dd>{status.sender}</dd>
        </div>
        <div>
          <dt>{t('notifications.status.queued')}</dt>
          <dd>{formatCount(status.queued, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('notifications.status.failed')}</dt>
          <dd>{formatCount(status.failed, i18n.language)}</dd>
        </div>
      </dl>
    </section>
  );
}
