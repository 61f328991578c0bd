import { useTranslator } from './translator';

/** The one answer for an unknown, revoked or expired link: the page says no more than the API. */
export function InvalidLink() {
  const { t } = useTranslator();
  return (
    <main className="qo-main qo-message">
      <h1>{t('invalidTitle')}</h1>
      <p>{t('invalidBody')}</p>
    </main>
  );
}
