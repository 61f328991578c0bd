import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '@/features/auth/components/language-switch';
import { LogoutButton } from '@/features/auth/components/logout-button';
import { GlobalSearch } from '@/features/orders/components/global-search';
import { useCurrentUser } from '@/lib/session';

interface TopBarProps {
  sidebarId: string;
  menuOpen: boolean;
  onToggleMenu: () => void;
}

export function TopBar({ sidebarId, menuOpen, onToggleMenu }: TopBarProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <header className="top-bar">
      <button
        type="button"
        className="button button--ghost menu-button"
        aria-expanded={menuOpen}
        aria-controls={sidebarId}
        onClick={onToggleMenu}
      >
        <span aria-hidden="true" className="menu-button__icon" />
        {t('nav.menu')}
      </button>
      <span className="brand">{t('app.name')}</span>
      <GlobalSearch />
      <div className="top-bar__session">
        <span className="top-bar__user" title={user.email}>
          <span className="visually-hidden">{t('session.userLabel')} : </span>
          {user.name}
        </span>
        <LanguageSwitch />
        <LogoutButton />
      </div>
    </header>
  );
}
