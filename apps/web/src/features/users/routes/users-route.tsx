import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLES, type Role } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useUsers, type UsersFilters as Filters } from '../api/get-users';
import { CreateUserDialog } from '../components/create-user-dialog';
import { EditUserDialog } from '../components/edit-user-dialog';
import { ResetPasswordDialog } from '../components/reset-password-dialog';
import { UsersFilters } from '../components/users-filters';
import { UsersTable } from '../components/users-table';

// Filters live in the URL: a filtered list can be bookmarked, shared, and survives a reload.
function filtersFrom(params: URLSearchParams): Filters {
  const role = params.get('role');
  const active = params.get('active');
  return {
    q: params.get('q') || undefined,
    role: ROLES.includes(role as Role) ? (role as Role) : undefined,
    active: active === 'true' ? true : active === 'false' ? false : undefined,
  };
}

function paramsFrom(filters: Filters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.q) params.q = filters.q;
  if (filters.role) params.role = filters.role;
  if (filters.active !== undefined) params.active = String(filters.active);
  return params;
}

export function UsersRoute() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const users = useUsers(filters);
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [resettingId, setResettingId] = useState<number | null>(null);

  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const total = users.data?.pages[0]?.total;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
          >
            {t('users.new')}
          </button>
        }
      />
      <UsersFilters value={filters} onChange={(next) => setSearchParams(paramsFrom(next))} />
      {users.error && <ErrorAlert error={users.error} />}
      {users.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !users.error && <p className="empty">{t('users.empty')}</p>
      ) : (
        <>
          {total !== undefined && <p className="muted">{t('common.total', { total })}</p>}
          <UsersTable
            users={items}
            onEdit={(user) => setEditingId(user.id)}
            onResetPassword={(user) => setResettingId(user.id)}
          />
          {users.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void users.fetchNextPage()}
              disabled={users.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <EditUserDialog
        user={items.find((user) => user.id === editingId) ?? null}
        onClose={() => setEditingId(null)}
      />
      <ResetPasswordDialog
        user={items.find((user) => user.id === resettingId) ?? null}
        onClose={() => setResettingId(null)}
      />
    </>
  );
}
