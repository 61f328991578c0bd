import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/session';

/** The API enforces roles; this only spares non-admins pages that would answer 403. */
export function RequireAdmin() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (user.role !== 'admin') {
    return (
      <>
        <PageHeader title={t('errors.forbiddenTitle')} />
        <p>{t('errors.forbiddenBody')}</p>
      </>
    );
  }
  return <Outlet />;
}
