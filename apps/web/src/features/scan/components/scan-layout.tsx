import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * The phone view's frame: no staff shell, one line of header with the way back
 * to the desk, then the content in one column a thumb can reach.
 */
export function ScanLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.titleSuffix')}`;
  }, [title, t]);
  return (
    <div className="scan-page">
      <a className="skip-link" href="#main-content">
        {t('app.skipLink')}
      </a>
      <header className="scan-header">
        <Link to="/orders" className="scan-header__back">
          <span aria-hidden="true">← </span>
          {t('scan.backToDesk')}
        </Link>
        <h1 className="scan-header__title">{title}</h1>
      </header>
      <main id="main-content" className="scan-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
