import { useTranslation } from 'react-i18next';
import type { Locale } from '@gestco/contract';
import { useToast } from '@/components/ui/toast';
import { applyLocale, currentLocale } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import { useUpdateMe } from '../api/update-me';

/**
 * Switches FR ⇄ EN at once; when signed in, also saves the choice on the
 * account (PATCH /auth/me) so it follows the person to any device.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const updateMe = useUpdateMe();
  const target: Locale = currentLocale() === 'fr' ? 'en' : 'fr';

  function switchLanguage() {
    applyLocale(target);
    if (session.status !== 'authenticated') return;
    updateMe.mutate({ locale: target }, { onError: () => toast.error(t('language.saveFailed')) });
  }

  return (
    <button type="button" className="button button--ghost" lang={target} onClick={switchLanguage}>
      {t('language.switchTo')}
    </button>
  );
}
