import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { BULK_LIMIT, type BulkResult, type OrderStatus } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { ExportMenu } from '@/components/ui/export-menu';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { formatCount } from '@/lib/format-number';
import { useCurrentUser } from '@/lib/session';
import { useOrderOptions } from '@/lib/order-options';
import { useOrders } from '../api/get-orders';
import { useStatusCounts } from '../api/get-status-counts';
import { BulkBar, BulkReport, type BulkSelection } from '../components/bulk-bar';
import {
  filtersFrom,
  listParamsFrom,
  queryFrom,
  statusOf,
  type ListParams,
} from '../components/order-list-params';
import { orderPermissions } from '../components/order-options';
import { OrdersFilters } from '../components/orders-filters';
import { OrdersTable } from '../components/orders-table';
import { SavedViews } from '../components/saved-views';
import { StatusTabs } from '../components/status-tabs';

interface SelectionState {
  /** The list it was made on: another filter starts with nothing selected. */
  key: string;
  mode: 'ids' | 'filter';
  ids: ReadonlySet<number>;
}

const hrefOf = (params: ListParams) => {
  const search = new URLSearchParams(params as Record<string, string>).toString();
  return search ? `/orders?${search}` : '/orders';
};

export function OrdersRoute() {
  const { t, i18n } = useTranslation();
  const { canWrite } = orderPermissions(useCurrentUser().role);
  const [searchParams, setSearchParams] = useSearchParams();
  const params = listParamsFrom(searchParams);
  const query = queryFrom(params);
  const filters = filtersFrom(params);
  const { status: _status, ...countFilters } = filters;
  const orders = useOrders(query);
  const counts = useStatusCounts(countFilters);
  const options = useOrderOptions();
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const total = orders.data?.pages[0]?.total;
  const filtered = Object.keys(filters).length > 0;

  const selectionKey = JSON.stringify(query);
  const [selection, setSelection] = useState<SelectionState>({
    key: selectionKey,
    mode: 'ids',
    ids: new Set(),
  });
  if (selection.key !== selectionKey)
    setSelection({ key: selectionKey, mode: 'ids', ids: new Set() });
  const [report, setReport] = useState<BulkResult | null>(null);

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

  const selectedOnPage = items.filter((order) => selection.ids.has(order.id)).length;
  const pageState =
    selection.mode === 'filter' || (items.length > 0 && selectedOnPage === items.length)
      ? 'all'
      : selectedOnPage === 0
        ? 'none'
        : 'some';
  const select = (ids: ReadonlySet<number>) =>
    setSelection({ key: selectionKey, mode: 'ids', ids });
  const toggle = (id: number) => {
    const ids = new Set(
      selection.mode === 'filter' ? items.map((order) => order.id) : selection.ids,
    );
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    select(ids);
  };
  const togglePage = () =>
    select(pageState === 'all' ? new Set() : new Set(items.map((order) => order.id)));
  const clear = () => select(new Set());
  // total null: not counted within the API's time budget (docs/decisions/0016). More than
  // the page, and not a count a bulk action by filter can promise.
  const moreThanShown =
    total !== undefined &&
    (total === null ? orders.hasNextPage : total === '10000+' || total > items.length);
  const tooMany =
    total === null || total === '10000+' || (total !== undefined && total > BULK_LIMIT);

  const bulkSelection: BulkSelection | null =
    selection.mode === 'filter' && total !== undefined && total !== null
      ? { kind: 'filter', filter: filters, count: total }
      : selection.ids.size > 0
        ? { kind: 'ids', ids: [...selection.ids] }
        : null;

  function onBulkDone(result: BulkResult) {
    setReport(result);
    // The ones that failed stay selected, ready for another try once fixed.
    select(
      selection.mode === 'ids'
        ? new Set(result.results.filter((item) => !item.ok).map((item) => item.id))
        : new Set(),
    );
  }

  const tabHref = (status: OrderStatus | null) => {
    const next: ListParams = { ...params };
    if (status) next.status = status;
    else delete next.status;
    return hrefOf(next);
  };

  return (
    <>
      <PageHeader
        title={t('orders.title')}
        actions={
          <>
            {/* The file holds the orders of the filters on screen, in creation order. */}
            <ExportMenu
              path="/exports/orders"
              query={filters}
              fileName="commandes"
              label={t('exports.orders')}
            />
            {canWrite && (
              <Link className="button button--primary" to="/orders/new" aria-keyshortcuts="n">
                <span aria-hidden="true">+</span>
                {t('orders.new')}
              </Link>
            )}
          </>
        }
      />
      <StatusTabs active={statusOf(params)} counts={counts.data} hrefOf={tabHref} />
      <OrdersFilters
        params={params}
        options={options.data}
        onSearch={onSearch}
        onChange={(next) => setSearchParams(new URLSearchParams(next as Record<string, string>))}
      />
      <SavedViews params={params} />
      {report && <BulkReport result={report} onDismiss={() => setReport(null)} />}
      {canWrite && bulkSelection && (
        <BulkBar
          selection={bulkSelection}
          options={options.data}
          onClear={clear}
          onDone={onBulkDone}
        />
      )}
      {orders.error && <ErrorAlert error={orders.error} />}
      {orders.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !orders.error && (
          <p className="empty">{filtered ? t('orders.empty.filtered') : t('orders.empty.all')}</p>
        )
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {total === null
                ? t('orders.total.notCounted', {
                    shown: formatCount(items.length, i18n.language),
                  })
                : t('common.shownOf', {
                    shown: formatCount(items.length, i18n.language),
                    total: formatCount(total, i18n.language),
                  })}
            </p>
          )}
          {canWrite && pageState === 'all' && moreThanShown && (
            <p className="select-all">
              {selection.mode === 'filter' ? (
                <>
                  {t('orders.selection.allMatching', {
                    count: total === '10000+' ? 10000 : (total ?? 0),
                    shown: formatCount(total ?? 0, i18n.language),
                  })}{' '}
                  <button type="button" className="button button--small" onClick={clear}>
                    {t('orders.bulk.clear')}
                  </button>
                </>
              ) : (
                <>
                  <button
                    type="button"
                    className="button button--small"
                    disabled={tooMany}
                    onClick={() =>
                      setSelection({ key: selectionKey, mode: 'filter', ids: new Set() })
                    }
                  >
                    {t('orders.selection.selectMatching', {
                      shown: formatCount(total ?? 0, i18n.language),
                    })}
                  </button>
                  {tooMany && (
                    <span className="muted">
                      {' '}
                      {t('orders.selection.tooMany', { limit: BULK_LIMIT })}
                    </span>
                  )}
                </>
              )}
            </p>
          )}
          <OrdersTable
            orders={items}
            caption={t('orders.title')}
            {...(canWrite
              ? {
                  selection: {
                    isSelected: (id: number) =>
                      selection.mode === 'filter' || selection.ids.has(id),
                    toggle,
                    pageState,
                    togglePage,
                  },
                }
              : {})}
          />
          {orders.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void orders.fetchNextPage()}
              disabled={orders.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
