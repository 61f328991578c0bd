import type {
  Locale,
  NotificationEvent,
  NotificationStatus,
  NotificationTransport,
  Role,
} from '@gestco/contract';

/*
 * The contract's lists are runtime values that bring typebox along; these copies
 * stay in step through `satisfies Record<…>`: a value added there fails to compile here.
 */
const keysOf = <K extends string>(record: Record<K, true>) => Object.keys(record) as K[];

export const NOTIFICATION_EVENT_LIST = keysOf({
  order_created: true,
  status_in_progress: true,
  status_shipped: true,
  status_completed: true,
  status_cancelled: true,
  payment_link: true,
  quick_link: true,
  manual: true,
} satisfies Record<NotificationEvent, true>);

export const NOTIFICATION_STATUS_LIST = keysOf({
  queued: true,
  sending: true,
  sent: true,
  failed: true,
} satisfies Record<NotificationStatus, true>);

export const TRANSPORT_LIST = keysOf({ sendgrid: true, local: true } satisfies Record<
  NotificationTransport,
  true
>);

export const TEMPLATE_LANGUAGES = keysOf({ fr: true, en: true } satisfies Record<Locale, true>);

/** Who may do what (the API enforces it; this only hides buttons that would answer 403). */
export function notificationPermissions(role: Role) {
  return {
    /** Operators and up: queue a failed email again. */
    canRetry: role !== 'viewer',
    /** Managers and up: save templates and reset them to the default. */
    canEditTemplates: role === 'admin' || role === 'manager',
  };
}
