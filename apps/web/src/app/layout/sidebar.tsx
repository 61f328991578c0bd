import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { ParseKeys } from 'i18next';

interface NavItem {
  to: string;
  label: ParseKeys;
  /** Active only on this exact address (the home page would match every path). */
  end?: boolean;
  /** Pages of the same module, listed under it. */
  children?: NavItem[];
}

/** Only for those who may read reports: operators' home is the orders list. */
const DASHBOARD_ITEM: NavItem = { to: '/', label: 'nav.dashboard', end: true };

const MAIN_ITEMS: NavItem[] = [
  { to: '/orders', label: 'nav.orders' },
  { to: '/clients', label: 'nav.clients' },
  // The phone view: on a phone the menu is where one finds it.
  { to: '/scan', label: 'nav.scan' },
  {
    to: '/products',
    label: 'nav.products',
    children: [
      { to: '/suppliers', label: 'nav.suppliers' },
      { to: '/stock/receipts', label: 'nav.receipts' },
      { to: '/stock/low', label: 'nav.lowStock' },
    ],
  },
  { to: '/notifications', label: 'nav.notifications' },
  { to: '/reports', label: 'nav.reports' },
];

const ADMIN_ITEMS: NavItem[] = [
  { to: '/admin/users', label: 'nav.users' },
  { to: '/admin/api-keys', label: 'nav.apiKeys' },
  { to: '/admin/audit', label: 'nav.audit' },
  { to: '/admin/settings', label: 'nav.settings' },
];

interface SidebarProps {
  id: string;
  open: boolean;
  userName: string;
  showAdministration: boolean;
  showDashboard: boolean;
  onNavigate: () => void;
}

export function Sidebar({
  id,
  open,
  userName,
  showAdministration,
  showDashboard,
  onNavigate,
}: SidebarProps) {
  const { t } = useTranslation();
  const link = (item: NavItem) => (
    <li key={item.to}>
      <NavLink to={item.to} end={item.end} className="sidebar__link" onClick={onNavigate}>
        {t(item.label)}
      </NavLink>
      {item.children && (
        <ul className="sidebar__list sidebar__list--nested">{item.children.map(link)}</ul>
      )}
    </li>
  );
  return (
    <nav
      id={id}
      className={open ? 'sidebar sidebar--open' : 'sidebar'}
      aria-label={t('nav.mainLabel')}
    >
      {/* On narrow phones the top bar has no room for the name: it shows here instead. */}
      <p className="sidebar__user">{userName}</p>
      <ul className="sidebar__list">
        {(showDashboard ? [DASHBOARD_ITEM, ...MAIN_ITEMS] : MAIN_ITEMS).map(link)}
      </ul>
      {showAdministration && (
        <div className="sidebar__group">
          {/* A group label, not a heading: the page's h1 must come first in the outline. */}
          <span id={`${id}-admin`} className="sidebar__group-title">
            {t('nav.administration')}
          </span>
          <ul className="sidebar__list" aria-labelledby={`${id}-admin`}>
            {ADMIN_ITEMS.map(link)}
          </ul>
        </div>
      )}
    </nav>
  );
}
