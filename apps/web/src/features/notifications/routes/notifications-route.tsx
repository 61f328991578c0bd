import { useTranslation } from 'react-i18next';
import { ComingSoon } from '@/components/ui/coming-soon';

export function NotificationsRoute() {
  const { t } = useTranslation();
  return <ComingSoon moduleName={t('nav.notifications')} />;
}
