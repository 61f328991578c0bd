import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The module's two pages, as links: each is an address (history, templates). */
export function NotificationsTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('notifications.tabs.label')}>
      <ul className="status-tabs">
        <li>
          <NavLink to="/notifications" end className="status-tabs__tab">
            {t('notifications.tabs.history')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/notifications/templates" className="status-tabs__tab">
            {t('notifications.tabs.templates')}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
