import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../api/logout';

export function LogoutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <button
      type="button"
      className="button button--ghost"
      disabled={logout.isPending}
      onClick={() =>
        logout.mutate(undefined, {
          // Straight to /login, without remembering the page: the next person may not be allowed on it.
          onSettled: () => void navigate('/login', { replace: true }),
        })
      }
    >
      {t('session.logout')}
    </button>
  );
}
