import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('errors.notFoundTitle')} />
      <p>{t('errors.notFoundBody')}</p>
      <p>
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </>
  );
}
