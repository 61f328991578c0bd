import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '@/lib/format-date';
import type { RecentScan } from './recent-scans';

interface RecentScansListProps {
  scans: RecentScan[];
  onPick: (code: string) => void;
  onClear: () => void;
}

/** The last codes read on this phone: one tap opens one again. */
export function RecentScansList({ scans, onPick, onClear }: RecentScansListProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDateTime();
  const titleId = useId();
  if (scans.length === 0) return null;
  return (
    <section className="scan-recent" aria-labelledby={titleId}>
      <div className="scan-recent__header">
        <h2 id={titleId} className="scan-section-title">
          {t('scan.recent.title')}
        </h2>
        <button type="button" className="button button--ghost" onClick={onClear}>
          {t('scan.recent.clear')}
        </button>
      </div>
      <ul className="scan-recent__list">
        {scans.map((scan) => (
          <li key={scan.code}>
            <button type="button" className="scan-recent__item" onClick={() => onPick(scan.code)}>
              <span className="scan-recent__label">{scan.label}</span>
              <span className="scan-recent__meta">
                {t(`scan.recent.kinds.${scan.kind}`)} · {formatDate(scan.at)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
