import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { svgDataUrl } from '@/lib/qr-image';
import { useQrLabels } from '../api/get-qr-labels';
import { PrintLayout } from '../components/print-layout';

/** /clients/:id/card: the client's flashcode, large, to print and leave at their counter or on their file. */
export function ClientCardRoute() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const labels = useQrLabels({ ids: String(id) }, valid);
  const companyName = labels.data?.business.name ?? null;
  const label = labels.data?.items[0];
  const back = { to: valid ? `/clients/${id}` : '/clients', label: t('scan.print.backToClient') };

  let sheet;
  if (!valid) sheet = <p>{t('clients.detail.invalidId')}</p>;
  else if (labels.error) sheet = <ErrorAlert error={labels.error} />;
  else if (!labels.data) sheet = <LoadingState />;
  else if (!label)
    sheet = <p className="alert alert--warning">{t('scan.print.cardUnavailable')}</p>;
  else
    sheet = (
      <article className="qr-card">
        {companyName && <p className="qr-card__business">{companyName}</p>}
        <h2 className="qr-card__name">{label.name}</h2>
        {label.contactPerson && <p className="qr-card__contact">{label.contactPerson}</p>}
        <img
          className="qr-card__qr"
          src={svgDataUrl(label.svg)}
          alt={t('scan.print.qrAlt', { name: label.name, code: label.code })}
        />
        <p className="qr-card__code">
          {t('scan.print.clientCode')} <strong>{label.code}</strong>
        </p>
        <p className="qr-card__hint">{t('scan.print.cardHint')}</p>
      </article>
    );

  return (
    <PrintLayout
      title={label ? t('scan.print.cardTitleOf', { name: label.name }) : t('scan.print.cardTitle')}
      back={back}
      ready={Boolean(label)}
    >
      {sheet}
    </PrintLayout>
  );
}
