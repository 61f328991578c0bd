import { useTranslation } from 'react-i18next';
import type { StockStatus } from '@gestco/contract';

const BADGE_CLASS: Record<StockStatus, string> = {
  ok: 'badge badge--success',
  low: 'badge badge--warning',
  out: 'badge badge--danger',
  untracked: 'badge',
};

/** Colour helps at a glance; the words carry the meaning (WCAG 1.4.1). */
export function StockBadge({ status }: { status: StockStatus }) {
  const { t } = useTranslation();
  return <span className={BADGE_CLASS[status]}>{t(`stock.statuses.${status}`)}</span>;
}
