import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/ui/form-field';
import type { ListParam, ListParams } from './notification-list-params';
import { normalizeReference } from './notification-list-params';
import {
  NOTIFICATION_EVENT_LIST,
  NOTIFICATION_STATUS_LIST,
  TRANSPORT_LIST,
} from './notification-options';

interface NotificationsFiltersProps {
  params: ListParams;
  /** The client's name when the list is narrowed to one client and shows it. */
  clientName: string | null;
  /** The order reference does not name an order. */
  orderNotFound: boolean;
  onChange: (params: ListParams) => void;
}

/** The history's filters, kept in the URL. */
export function NotificationsFilters({
  params,
  clientName,
  orderNotFound,
  onChange,
}: NotificationsFiltersProps) {
  const { t } = useTranslation();
  const set = (name: ListParam) => (value: string) => {
    const next = { ...params };
    if (value) next[name] = value;
    else delete next[name];
    onChange(next);
  };
  const onSelect = (name: ListParam) => (event: { target: { value: string } }) =>
    set(name)(event.target.value);

  return (
    <form
      role="search"
      aria-label={t('notifications.filters.label')}
      className="notifications-filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="filters filters--top">
        <SelectField
          label={t('notifications.columns.status')}
          name="status"
          value={params.status ?? ''}
          onChange={onSelect('status')}
        >
          <option value="">{t('common.all')}</option>
          {NOTIFICATION_STATUS_LIST.map((status) => (
            <option key={status} value={status}>
              {t(`notificationStatuses.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('notifications.columns.event')}
          name="event"
          value={params.event ?? ''}
          onChange={onSelect('event')}
        >
          <option value="">{t('common.all')}</option>
          {NOTIFICATION_EVENT_LIST.map((event) => (
            <option key={event} value={event}>
              {t(`notificationEvents.${event}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('notifications.filters.order')}
          hint={t('notifications.filters.orderHint')}
          name="order"
          autoComplete="off"
          maxLength={40}
          defaultValue={params.order ?? ''}
          // A new value from the URL (a link, "clear filters") replaces what was typed.
          key={`order-${params.order ?? ''}`}
          error={orderNotFound ? t('notifications.filters.orderNotFound') : undefined}
          onBlur={(event) => {
            const value = normalizeReference(event.target.value);
            if (value !== (params.order ?? '')) set('order')(value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              event.currentTarget.blur();
            }
          }}
        />
        <TextField
          label={t('notifications.filters.createdFrom')}
          name="createdFrom"
          type="date"
          value={params.createdFrom ?? ''}
          onChange={(event) => set('createdFrom')(event.target.value)}
        />
        <TextField
          label={t('notifications.filters.createdTo')}
          name="createdTo"
          type="date"
          value={params.createdTo ?? ''}
          onChange={(event) => set('createdTo')(event.target.value)}
        />
        <SelectField
          label={t('notifications.filters.transport')}
          name="transport"
          value={params.transport ?? ''}
          onChange={onSelect('transport')}
        >
          <option value="">{t('common.all')}</option>
          {TRANSPORT_LIST.map((transport) => (
            <option key={transport} value={transport}>
              {t(`notifications.transports.${transport}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {Object.keys(params).length > 0 && (
        <div className="filters__actions">
          {params.clientId && (
            <span className="chip">
              {clientName
                ? t('notifications.filters.client', { name: clientName })
                : t('notifications.filters.clientNumber', { id: params.clientId })}
              <button
                type="button"
                className="chip__remove"
                aria-label={t('notifications.filters.removeClient')}
                onClick={() => set('clientId')('')}
              >
                <span aria-hidden="true">×</span>
              </button>
            </span>
          )}
          <button type="button" className="button button--small" onClick={() => onChange({})}>
            {t('common.clearFilters')}
          </button>
        </div>
      )}
    </form>
  );
}
