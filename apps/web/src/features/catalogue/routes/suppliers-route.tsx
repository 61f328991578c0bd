import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/session';
import { useSuppliers } from '../api/get-suppliers';
import { cataloguePermissions } from '../components/catalogue-options';
import { CreateSupplierDialog } from '../components/create-supplier-dialog';
import { SuppliersFilters, type SuppliersFilterValues } from '../components/suppliers-filters';
import { SuppliersTable } from '../components/suppliers-table';

function filtersFrom(params: URLSearchParams): SuppliersFilterValues {
  return { q: params.get('q')?.trim() ?? '', archived: params.get('archived') === 'true' };
}

function paramsFrom(filters: SuppliersFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.q) params.q = filters.q;
  if (filters.archived) params.archived = 'true';
  return params;
}

export function SuppliersRoute() {
  const { t } = useTranslation();
  const { canManage } = cataloguePermissions(useCurrentUser().role);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const [creating, setCreating] = useState(false);
  const suppliers = useSuppliers({
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.archived ? { archived: true } : {}),
  });
  const items = suppliers.data?.pages.flatMap((page) => page.items) ?? [];
  const total = suppliers.data?.pages[0]?.total;

  const onSearch = useCallback(
    (q: string) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (q) next.set('q', q);
          else next.delete('q');
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  return (
    <>
      <PageHeader
        title={t('suppliers.title')}
        actions={
          canManage && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => setCreating(true)}
            >
              <span aria-hidden="true">+</span>
              {t('suppliers.new')}
            </button>
          )
        }
      />
      <SuppliersFilters
        value={filters}
        onSearch={onSearch}
        onChange={(next) => setSearchParams(paramsFrom(next))}
      />
      {suppliers.error && <ErrorAlert error={suppliers.error} />}
      {suppliers.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !suppliers.error && (
          <p className="empty">
            {filters.q || filters.archived
              ? t('suppliers.empty.filtered')
              : t('suppliers.empty.all')}
          </p>
        )
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {t('common.shownOf', { shown: items.length, total })}
            </p>
          )}
          <SuppliersTable suppliers={items} />
          {suppliers.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void suppliers.fetchNextPage()}
              disabled={suppliers.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
      {canManage && <CreateSupplierDialog open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
