import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StockMovement, StockMovementKind } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { ExportMenu } from '@/components/ui/export-menu';
import { SelectField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/loading-state';
import { useFormatDateTime } from '@/lib/format-date';
import { useStockMovements } from '../api/get-stock-movements';
import { formatDelta } from './catalogue-format';
import { STOCK_MOVEMENT_KINDS } from './catalogue-options';

/** The product's ledger, newest first: why the figure moved and who moved it. */
export function StockMovements({ productId }: { productId: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [kind, setKind] = useState<StockMovementKind | ''>('');
  const movements = useStockMovements(productId, kind ? { kind } : {});
  const items = movements.data?.pages.flatMap((page) => page.items) ?? [];
  const total = movements.data?.pages[0]?.total;

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('stock.movements.title')}</h2>
      <div className="filters filters--narrow">
        <SelectField
          label={t('stock.movements.kindFilter')}
          name="kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as StockMovementKind | '')}
        >
          <option value="">{t('stock.movements.allKinds')}</option>
          {STOCK_MOVEMENT_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`stock.kinds.${value}`)}
            </option>
          ))}
        </SelectField>
        <ExportMenu
          path="/exports/stock-movements"
          query={{ productId, ...(kind ? { kind } : {}) }}
          fileName="mouvements-stock"
          label={t('exports.stockMovements')}
        />
      </div>
      {movements.error && <ErrorAlert error={movements.error} />}
      {movements.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !movements.error && (
          <p className="empty">
            {kind ? t('stock.movements.emptyFiltered') : t('stock.movements.empty')}
          </p>
        )
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {t('common.shownOf', { shown: items.length, total })}
            </p>
          )}
          <MovementsTable movements={items} />
          {movements.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void movements.fetchNextPage()}
              disabled={movements.isFetchingNextPage}
              aria-label={`${t('common.loadMore')} — ${t('stock.movements.title')}`}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function MovementsTable({ movements }: { movements: StockMovement[] }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDateTime();
  return (
    <div className="table-wrapper">
      <table className="table table--compact">
        <caption className="visually-hidden">{t('stock.movements.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stock.movements.date')}</th>
            <th scope="col">{t('stock.movements.kind')}</th>
            <th scope="col" className="table__number">
              {t('stock.movements.delta')}
            </th>
            <th scope="col" className="table__number">
              {t('stock.movements.onHandAfter')}
            </th>
            <th scope="col">{t('stock.movements.reason')}</th>
            <th scope="col">{t('stock.movements.actor')}</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((movement) => (
            <tr key={movement.id}>
              <td>
                <time dateTime={movement.createdAt}>{formatDate(movement.createdAt)}</time>
              </td>
              <td>{t(`stock.kinds.${movement.kind}`)}</td>
              <td
                className={
                  movement.delta < 0
                    ? 'table__number delta delta--out'
                    : 'table__number delta delta--in'
                }
              >
                {formatDelta(movement.delta, i18n.language)}
              </td>
              <td className="table__number">{movement.onHandAfter}</td>
              <td>
                {movement.reason ?? ''}
                {movement.refType === 'receipt' && movement.refId !== null && (
                  <>
                    {movement.reason ? ' · ' : ''}
                    <Link to={`/stock/receipts/${movement.refId}`}>
                      {t('stock.movements.receiptRef', { id: movement.refId })}
                    </Link>
                  </>
                )}
                {movement.refType === 'order' && movement.refId !== null && (
                  <>
                    {movement.reason ? ' · ' : ''}
                    {t('stock.movements.orderRef', { id: movement.refId })}
                  </>
                )}
              </td>
              <td>{movement.actorLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
