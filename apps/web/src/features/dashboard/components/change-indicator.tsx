import { useTranslation } from 'react-i18next';
import { formatPercent } from '@/lib/format-number';

/**
 * The change against the previous period: an arrow, a word and a percentage, so
 * colour is never the only cue (WCAG 1.4.1). Null: nothing to compare with.
 */
export function ChangeIndicator({ change }: { change: number | null }) {
  const { t, i18n } = useTranslation();
  if (change === null) {
    return (
      <span className="dashboard-change dashboard-change--none">{t('dashboard.change.none')}</span>
    );
  }
  const percent = formatPercent(String(Math.abs(change)), i18n.language);
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const arrow = { up: '↑', down: '↓', flat: '→' }[direction];
  return (
    <span className={`dashboard-change dashboard-change--${direction}`}>
      <span aria-hidden="true">{arrow} </span>
      {direction === 'flat'
        ? t('dashboard.change.flat')
        : t(`dashboard.change.${direction}`, { percent })}
    </span>
  );
}
