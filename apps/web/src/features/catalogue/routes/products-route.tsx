import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { ExportMenu } from '@/components/ui/export-menu';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/session';
import { useProducts, type ProductsFilters as Query } from '../api/get-products';
import { cataloguePermissions } from '../components/catalogue-options';
import { CreateProductDialog } from '../components/create-product-dialog';
import { ProductsFilters, type ProductsFilterValues } from '../components/products-filters';
import { ProductsTable } from '../components/products-table';

// Filters live in the URL: a search can be bookmarked, shared, and survives a reload.
function filtersFrom(params: URLSearchParams): ProductsFilterValues {
  const active = params.get('active');
  const supplierId = Number(params.get('supplierId'));
  return {
    q: params.get('q')?.trim() ?? '',
    active: active === 'true' ? true : active === 'false' ? false : undefined,
    lowStock: params.get('lowStock') === 'true',
    category: params.get('category') || undefined,
    supplierId: Number.isInteger(supplierId) && supplierId > 0 ? supplierId : undefined,
    archived: params.get('archived') === 'true',
  };
}

function paramsFrom(filters: ProductsFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.q) params.q = filters.q;
  if (filters.active !== undefined) params.active = String(filters.active);
  if (filters.lowStock) params.lowStock = 'true';
  if (filters.category) params.category = filters.category;
  if (filters.supplierId !== undefined) params.supplierId = String(filters.supplierId);
  if (filters.archived) params.archived = 'true';
  return params;
}

function queryFrom(filters: ProductsFilterValues): Query {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.active !== undefined ? { active: filters.active } : {}),
    ...(filters.lowStock ? { lowStock: true } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.supplierId !== undefined ? { supplierId: filters.supplierId } : {}),
    ...(filters.archived ? { archived: true } : {}),
  };
}

export function ProductsRoute() {
  const { t } = useTranslation();
  const { canManage } = cataloguePermissions(useCurrentUser().role);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const [creating, setCreating] = useState(false);
  const products = useProducts(queryFrom(filters));
  const items = products.data?.pages.flatMap((page) => page.items) ?? [];
  const total = products.data?.pages[0]?.total;
  const filtered = Object.keys(paramsFrom(filters)).length > 0;

  // Typing replaces the history entry: Back leaves the page rather than replaying keystrokes.
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
        title={t('products.title')}
        actions={
          <>
            <ExportMenu
              path="/exports/products"
              query={queryFrom(filters)}
              fileName="produits"
              label={t('exports.products')}
            />
            {canManage && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => setCreating(true)}
              >
                <span aria-hidden="true">+</span>
                {t('products.new')}
              </button>
            )}
          </>
        }
      />
      <ProductsFilters
        value={filters}
        onSearch={onSearch}
        onChange={(next) => setSearchParams(paramsFrom(next))}
      />
      {products.error && <ErrorAlert error={products.error} />}
      {products.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !products.error && (
          <p className="empty">
            {filtered ? t('products.empty.filtered') : t('products.empty.all')}
          </p>
        )
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {t('common.shownOf', { shown: items.length, total })}
            </p>
          )}
          <ProductsTable products={items} caption={t('products.title')} />
          {products.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void products.fetchNextPage()}
              disabled={products.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
      {canManage && <CreateProductDialog open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
