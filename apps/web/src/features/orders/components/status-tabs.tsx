import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CountedTotal, OrderStatus, StatusCounts } from '@gestco/contract';
import { formatCount } from '@/lib/format-number';
import { ORDER_STATUS_LIST } from './order-options';

interface StatusTabsProps {
  active: OrderStatus | null;
  counts: StatusCounts | undefined;
  /** The address of each tab: the current filters with that status. */
  hrefOf: (status: OrderStatus | null) => string;
}

/** The sum of the tabs: unknown as soon as one tab was not counted (null). */
function total(counts: StatusCounts): CountedTotal {
  let sum = 0;
  for (const status of ORDER_STATUS_LIST) {
    const count = counts[status];
    if (count === null) return null;
    if (count === '10000+') return '10000+';
    sum += count;
  }
  return sum;
}

/**
 * One link per status with its count for the other filters; links (not ARIA
 * tabs): each is an address, so it opens in a new tab and goes in the history.
 */
export function StatusTabs({ active, counts, hrefOf }: StatusTabsProps) {
  const { t, i18n } = useTranslation();
  // null: the API did not count this tab within its time budget (docs/decisions/0016).
  const count = (value: CountedTotal | undefined) =>
    value === undefined ? null : value === null ? (
      <span className="status-tabs__count" title={t('orders.total.notCountedHint')}>
        {t('orders.total.notCountedShort')}
      </span>
    ) : (
      <span className="status-tabs__count">{formatCount(value, i18n.language)}</span>
    );
  return (
    <ul className="status-tabs" aria-label={t('orders.tabs.label')}>
      <li>
        <Link
          to={hrefOf(null)}
          className="status-tabs__tab"
          aria-current={active === null ? 'page' : undefined}
        >
          {t('orders.tabs.all')} {count(counts ? total(counts) : undefined)}
        </Link>
      </li>
      {ORDER_STATUS_LIST.map((status) => (
        <li key={status}>
          <Link
            to={hrefOf(status)}
            className="status-tabs__tab"
            aria-current={active === status ? 'page' : undefined}
          >
            {t(`orderStatuses.${status}`)} {count(counts?.[status])}
          </Link>
        </li>
      ))}
    </ul>
  );
}
