import { useTranslation } from 'react-i18next';

/**
 * What a crashed screen shows. Plain links, not router ones: it also renders
 * above the router, when the top-level boundary catches.
 */
export function ErrorFallback({ error }: { error?: unknown }) {
  const { t } = useTranslation();
  if (error) console.error(error); // keep the stack for whoever opens the console
  return (
    <div className="error-page" role="alert">
      <h1>{t('errors.pageTitle')}</h1>
      <p>{t('errors.pageBody')}</p>
      <p className="error-page__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.location.reload()}
        >
          {t('errors.reload')}
        </button>
        <a className="button" href="/">
          {t('errors.backHome')}
        </a>
      </p>
    </div>
  );
}
