import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface PrintLayoutProps {
  title: string;
  back: { to: string; label: string };
  /** Said beside the print button, e.g. how many labels. */
  summary?: ReactNode;
  /** False while there is nothing to print yet. */
  ready: boolean;
  children: ReactNode;
}

/** A page meant for paper: a toolbar on screen (gone on paper), then the sheet itself. */
export function PrintLayout({ title, back, summary, ready, children }: PrintLayoutProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.titleSuffix')}`;
  }, [title, t]);
  return (
    <div className="print-page">
      <header className="print-toolbar">
        <Link to={back.to} className="print-toolbar__back">
          <span aria-hidden="true">← </span>
          {back.label}
        </Link>
        <h1 className="print-toolbar__title">{title}</h1>
        {summary && <p className="print-toolbar__summary">{summary}</p>}
        <button
          type="button"
          className="button button--primary"
          disabled={!ready}
          onClick={() => window.print()}
        >
          {t('scan.print.print')}
        </button>
      </header>
      <main id="main-content" className="print-sheet">
        {children}
      </main>
    </div>
  );
}
