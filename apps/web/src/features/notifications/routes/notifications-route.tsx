import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Notification } from '@gestco/contract';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/loading-state';
import { ExportMenu } from '@/components/ui/export-menu';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { formatCount } from '@/lib/format-number';
import { useCurrentUser } from '@/lib/session';
import { useNotifications } from '../api/get-notifications';
import { useNotifierStatus } from '../api/get-notifier-status';
import { useOrderLookup } from '../api/lookup-order';
import { useRetryNotification } from '../api/retry-notification';
import { NotificationDialog } from '../components/notification-dialog';
import {
  listParamsFrom,
  normalizeReference,
  positiveInt,
  queryFrom,
  type ListParams,
} from '../components/notification-list-params';
import { notificationPermissions } from '../components/notification-options';
import { NotificationsFilters } from '../components/notifications-filters';
import { NotificationsTable } from '../components/notifications-table';
import { NotificationsTabs } from '../components/notifications-tabs';
import { NotifierStatusBanner } from '../components/notifier-status-banner';

/** The email history (the test outbox when SendGrid is not configured), its filters and retries. */
export function NotificationsRoute() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const { canRetry } = notificationPermissions(useCurrentUser().role);
  const [searchParams, setSearchParams] = useSearchParams();
  const params = listParamsFrom(searchParams);
  const openId = positiveInt(searchParams.get('open')) ?? null;

  // The order filter is a reference, as people know orders: find its id first.
  const reference = params.order ? normalizeReference(params.order) : null;
  const order = useOrderLookup(reference);
  const orderNotFound = isApiError(order.error) && order.error.code === 'ORDER_NOT_FOUND';
  const filterQuery = queryFrom(params);
  const query = reference
    ? order.data
      ? { ...filterQuery, orderId: order.data.id }
      : null
    : filterQuery;

  const status = useNotifierStatus();
  const notifications = useNotifications(query);
  const retry = useRetryNotification();
  const items = notifications.data?.pages.flatMap((page) => page.items) ?? [];
  const total = notifications.data?.pages[0]?.total;
  const filtered = Object.keys(params).length > 0;
  const local = status.data?.transport === 'local';
  const listTitle = local ? t('notifications.outbox') : t('notifications.history');
  const clientName =
    items.find((item) => item.recipientType === 'client' && item.toName)?.toName ?? null;

  const setOpen = (id: number | null) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === null) next.delete('open');
        else next.set('open', String(id));
        return next;
      },
      { replace: true },
    );

  function onRetry(notification: Notification) {
    retry.mutate(notification.id, {
      onSuccess: () => toast.success(t('notifications.retried', { to: notification.toEmail })),
      onError: (error) => toast.error(errorMessage(error, t)),
    });
  }
  const retryProps = canRetry
    ? { onRetry, retryingId: retry.isPending ? retry.variables : null }
    : {};

  const lookupFailed = order.error && !orderNotFound ? order.error : null;
  const waiting = notifications.isPending && !orderNotFound && !lookupFailed;

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        actions={
          // Waits for the order reference to be found: the file must hold what the list shows.
          query && (
            <ExportMenu
              path="/exports/notifications"
              query={query}
              fileName="emails"
              label={t('exports.notifications')}
            />
          )
        }
      />
      <NotificationsTabs />
      {status.error && <ErrorAlert error={status.error} />}
      {status.data && <NotifierStatusBanner status={status.data} />}
      <NotificationsFilters
        params={params}
        clientName={params.clientId ? clientName : null}
        orderNotFound={orderNotFound}
        onChange={(next: ListParams) =>
          setSearchParams(new URLSearchParams(next as Record<string, string>))
        }
      />
      {lookupFailed && <ErrorAlert error={lookupFailed} />}
      {notifications.error && <ErrorAlert error={notifications.error} />}
      {waiting ? (
        <LoadingState />
      ) : items.length === 0 ? (
        !notifications.error &&
        !lookupFailed && (
          <p className="empty">
            {filtered ? t('notifications.empty.filtered') : t('notifications.empty.all')}
          </p>
        )
      ) : (
        <>
          {total !== undefined && (
            <p className="muted" aria-live="polite">
              {t('common.shownOf', {
                shown: formatCount(items.length, i18n.language),
                total: formatCount(total, i18n.language),
              })}
            </p>
          )}
          <NotificationsTable
            notifications={items}
            caption={listTitle}
            onOpen={setOpen}
            {...retryProps}
          />
          {notifications.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void notifications.fetchNextPage()}
              disabled={notifications.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
      <NotificationDialog
        id={openId}
        onClose={() => setOpen(null)}
        {...(canRetry ? { onRetry, retrying: retry.isPending } : {})}
      />
    </>
  );
}
