import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's h1 and actions; also names the browser tab after the page. */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.titleSuffix')}`;
  }, [title, t]);
  return (
    <div className="page-header">
      <h1 className="page-header__title">{title}</h1>
      {actions && <div className="page-header__actions">{actions}</div>}
    </div>
  );
}
