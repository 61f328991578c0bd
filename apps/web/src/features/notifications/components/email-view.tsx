import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface EmailViewProps {
  subject: string;
  html: string;
  text: string;
  /** Names the frame for screen readers: which email this is. */
  label: string;
}

/**
 * A rendered email as the client reads it. The HTML goes in a frame with every
 * sandbox restriction (no scripts, no same origin, no forms): a template is
 * content, and it must not run in the app.
 */
export function EmailView({ subject, html, text, label }: EmailViewProps) {
  const { t } = useTranslation();
  const htmlId = useId();
  const textId = useId();
  return (
    <div className="email-view">
      <p className="email-view__subject">
        <span className="muted">{t('notifications.email.subject')}</span> <strong>{subject}</strong>
      </p>
      <section aria-labelledby={htmlId}>
        <h3 id={htmlId} className="email-view__heading">
          {t('notifications.email.html')}
        </h3>
        <iframe className="email-view__frame" title={label} sandbox="" srcDoc={html} />
      </section>
      <section aria-labelledby={textId}>
        <h3 id={textId} className="email-view__heading">
          {t('notifications.email.text')}
        </h3>
        {/* Focusable: a long text version scrolls with the keyboard too. */}
        <pre className="email-view__text" tabIndex={0} aria-labelledby={textId}>
          {text}
        </pre>
      </section>
    </div>
  );
}
