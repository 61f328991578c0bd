import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigationType } from 'react-router';
import { canReadReports } from '@/lib/report-access';
import { useCurrentUser } from '@/lib/session';
import { Sidebar } from './sidebar';
import { TopBar } from './top-bar';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';

const SIDEBAR_ID = 'main-navigation';

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useKeyboardShortcuts(user.role !== 'viewer');

  // After a click or history move (not a redirect), focus the new content, as a page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setMenuOpen(false);
    if (navigationType !== 'REPLACE') mainRef.current?.focus();
  }, [pathname, navigationType]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && menuOpen) setMenuOpen(false);
  }

  return (
    <div
      className={menuOpen ? 'app-shell app-shell--menu-open' : 'app-shell'}
      onKeyDown={onKeyDown}
    >
      <a className="skip-link" href="#main-content">
        {t('app.skipLink')}
      </a>
      <TopBar
        sidebarId={SIDEBAR_ID}
        menuOpen={menuOpen}
        onToggleMenu={() => setMenuOpen((open) => !open)}
      />
      <Sidebar
        id={SIDEBAR_ID}
        open={menuOpen}
        userName={user.name}
        showAdministration={user.role === 'admin'}
        showDashboard={canReadReports(user.role)}
        onNavigate={() => setMenuOpen(false)}
      />
      <main id="main-content" ref={mainRef} tabIndex={-1} className="main">
        <Outlet />
      </main>
    </div>
  );
}
