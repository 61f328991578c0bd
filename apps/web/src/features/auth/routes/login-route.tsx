import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '@/components/ui/loading-state';
import { useSession } from '@/lib/session';
import { LanguageSwitch } from '../components/language-switch';
import { LoginForm } from '../components/login-form';

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  // Only same-app paths: never bounce to another origin from history state.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginRoute() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.titleSuffix')}`;
  }, [t]);

  if (session.status === 'pending') return <LoadingState />;
  if (session.status === 'authenticated')
    return <Navigate to={redirectTarget(location.state)} replace />;

  return (
    <div className="login-page">
      <header className="login-page__header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main-content" className="login-page__main">
        <div className="panel login-panel">
          <h1>{t('login.title')}</h1>
          <p>{t('login.intro')}</p>
          {session.reason === 'expired' && (
            <p className="alert alert--info" role="status">
              {t('session.expired')}
            </p>
          )}
          <LoginForm />
        </div>
      </main>
    </div>
  );
}
