import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-header';

/** Placeholder for a module that is not built yet: says so, shows no made-up data. */
export function ComingSoon({ moduleName }: { moduleName: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={moduleName} />
      <section className="panel coming-soon" aria-labelledby="coming-soon-title">
        <h2 id="coming-soon-title">{t('comingSoon.title')}</h2>
        <p>{t('comingSoon.body', { module: moduleName })}</p>
      </section>
    </>
  );
}
