import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QR_LABELS_MAX, type QrLabelsQuery } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { svgDataUrl } from '@/lib/qr-image';
import { useQrLabels } from '../api/get-qr-labels';
import { PrintLayout } from '../components/print-layout';

const IDS = /^[1-9]\d{0,9}(,[1-9]\d{0,9})*$/;

/** `?ids=1,2,3` (the first 200), else `?status=` (current clients by default), by name. */
function labelsQuery(params: URLSearchParams): QrLabelsQuery {
  const ids = params.get('ids')?.replace(/\s+/g, '') ?? '';
  if (IDS.test(ids)) return { ids: ids.split(',').slice(0, QR_LABELS_MAX).join(',') };
  const status = params.get('status') === 'prospect' ? 'prospect' : 'current';
  return { status, limit: QR_LABELS_MAX };
}

/**
 * /clients/labels: an A4 sheet of client flashcodes (3 × 8 labels of 63.5 × 33.9 mm,
 * the common self-adhesive format), each with the client's name and code.
 */
export function ClientLabelsRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = labelsQuery(params);
  const labels = useQrLabels(query);
  const items = labels.data?.items ?? [];
  const skipped = labels.data?.skipped ?? [];

  let sheet;
  if (labels.error) sheet = <ErrorAlert error={labels.error} />;
  else if (!labels.data) sheet = <LoadingState />;
  else if (items.length === 0) sheet = <p className="empty">{t('scan.print.noLabels')}</p>;
  else
    sheet = (
      <ul className="qr-labels" aria-label={t('scan.print.labelsTitle')}>
        {items.map((label) => (
          <li key={label.clientId} className="qr-label">
            <img
              className="qr-label__qr"
              src={svgDataUrl(label.svg)}
              alt={t('scan.print.qrAlt', { name: label.name, code: label.code })}
            />
            <div className="qr-label__text">
              <span className="qr-label__name">{label.name}</span>
              <span className="qr-label__code">{label.code}</span>
              {label.city && <span className="qr-label__city">{label.city}</span>}
            </div>
          </li>
        ))}
      </ul>
    );

  return (
    <PrintLayout
      title={t('scan.print.labelsTitle')}
      back={{ to: '/clients', label: t('scan.print.backToClients') }}
      ready={items.length > 0}
      summary={
        labels.data && (
          <>
            {t('scan.print.labelCount', { count: items.length })}
            {skipped.length > 0 && <> · {t('scan.print.skipped', { count: skipped.length })}</>}
            {!query.ids && items.length >= QR_LABELS_MAX && (
              <> · {t('scan.print.truncated', { max: QR_LABELS_MAX })}</>
            )}
          </>
        )
      }
    >
      {sheet}
    </PrintLayout>
  );
}
