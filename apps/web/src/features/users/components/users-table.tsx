import { useTranslation } from 'react-i18next';
import type { User } from '@gestco/contract';
import { useFormatDateTime } from '@/lib/format-date';

interface UsersTableProps {
  users: User[];
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

export function UsersTable({ users, onEdit, onResetPassword }: UsersTableProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  return (
    <div className="table-wrapper">
      <table className="table">
        <caption className="visually-hidden">{t('users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">{t('users.lastLogin')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.name}</th>
              <td>{user.email}</td>
              <td>{t(`roles.${user.role}`)}</td>
              <td>
                <span className={user.active ? 'badge badge--success' : 'badge'}>
                  {user.active ? t('users.active') : t('users.inactive')}
                </span>
              </td>
              <td>{user.lastLoginAt ? formatDate(user.lastLoginAt) : t('common.never')}</td>
              <td className="table__actions">
                {/* The name starts with the visible text (WCAG 2.5.3) and says which row it acts on. */}
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`${t('common.edit')} ${user.name}`}
                  onClick={() => onEdit(user)}
                >
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`${t('users.resetPassword')} ${user.name}`}
                  onClick={() => onResetPassword(user)}
                >
                  {t('users.resetPassword')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
