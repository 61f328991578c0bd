import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/session';
import { useOrderOptions } from '@/lib/order-options';
import { NewOrderForm } from '../components/new-order-form';
import { orderPermissions } from '../components/order-options';

export function NewOrderRoute() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { canWrite } = orderPermissions(useCurrentUser().role);
  const options = useOrderOptions();
  return (
    <>
      <p>
        <Link to="/orders">
          <span aria-hidden="true">← </span>
          {t('orders.detail.back')}
        </Link>
      </p>
      <PageHeader title={t('orders.newTitle')} />
      {!canWrite ? (
        <p>{t('orders.readOnly')}</p>
      ) : options.data ? (
        <NewOrderForm options={options.data} initialPhone={searchParams.get('phone') ?? ''} />
      ) : options.error ? (
        <ErrorAlert error={options.error} />
      ) : (
        <LoadingState />
      )}
    </>
  );
}
