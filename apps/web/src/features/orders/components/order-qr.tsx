import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '@gestco/contract';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/error-message';
import { saveBlob, svgDataUrl } from '@/lib/qr-image';
import { getOrderQrPng, useOrderQr } from '../api/get-order-qr';

/**
 * The order's flashcode: small on screen, printed with the order (see the print
 * rules in styles.css), and downloadable as a PNG. Scanning it on a phone opens
 * the order in the scan view with its next-status buttons.
 */
export function OrderQr({ order }: { order: Pick<Order, 'id' | 'reference'> }) {
  const { t } = useTranslation();
  const toast = useToast();
  const titleId = useId();
  const qr = useOrderQr(order.id);
  const [downloading, setDownloading] = useState(false);

  async function download() {
    setDownloading(true);
    try {
      saveBlob(await getOrderQrPng(order.id), `${order.reference}.png`);
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <section className="panel order-qr" aria-labelledby={titleId}>
      <h2 id={titleId} className="order-qr__title">
        {t('orders.qr.title')}
      </h2>
      <div className="order-qr__body">
        {qr.data ? (
          <img
            className="order-qr__image"
            src={svgDataUrl(qr.data)}
            alt={t('orders.qr.alt', { reference: order.reference })}
            width={112}
            height={112}
          />
        ) : (
          <span className="order-qr__image order-qr__image--empty" aria-hidden="true" />
        )}
        <div className="order-qr__text">
          <p className="order-qr__hint">{t('orders.qr.hint')}</p>
          <button
            type="button"
            className="button button--small order-qr__download"
            onClick={() => void download()}
            disabled={downloading}
            aria-busy={downloading || undefined}
          >
            {t('orders.qr.download')}
          </button>
        </div>
      </div>
    </section>
  );
}
