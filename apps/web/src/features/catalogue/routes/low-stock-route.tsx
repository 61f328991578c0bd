import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useLowStockProducts } from '../api/get-low-stock-products';
import { ProductsTable } from '../components/products-table';

/** What to reorder: tracked products at or below their reorder point, out of stock included. */
export function LowStockRoute() {
  const { t } = useTranslation();
  const products = useLowStockProducts();
  const items = products.data?.pages.flatMap((page) => page.items) ?? [];
  const total = products.data?.pages[0]?.total;
  return (
    <>
      <PageHeader title={t('stock.low.title')} />
      <p className="muted">{t('stock.low.intro')}</p>
      {products.error && <ErrorAlert error={products.error} />}
      {products.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !products.error && <p className="empty">{t('stock.low.empty')}</p>
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {t('common.shownOf', { shown: items.length, total })}
            </p>
          )}
          <ProductsTable products={items} caption={t('stock.low.title')} showReorderPoint />
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
    </>
  );
}
