import type { NotificationsQuery } from '../api/get-notifications';
import { dayToIso } from '@/lib/format-date';
import {
  NOTIFICATION_EVENT_LIST,
  NOTIFICATION_STATUS_LIST,
  TRANSPORT_LIST,
} from './notification-options';

/**
 * The history's filters live in the URL (a link from an order or a client page
 * lands on its emails; a reload keeps them). `order` is a reference, looked up
 * for its id; dates are days (YYYY-MM-DD) in the reader's time zone; `open` is
 * the email shown in the dialog.
 */
export const LIST_PARAMS = [
  'status',
  'event',
  'transport',
  'order',
  'clientId',
  'createdFrom',
  'createdTo',
] as const;
export type ListParam = (typeof LIST_PARAMS)[number];
export type ListParams = Partial<Record<ListParam, string>>;

/** The known, non-empty filters of the address. */
export function listParamsFrom(search: URLSearchParams): ListParams {
  const params: ListParams = {};
  for (const name of LIST_PARAMS) {
    const value = search.get(name)?.trim();
    if (value) params[name] = value;
  }
  return params;
}

export const positiveInt = (value: string | null | undefined) => {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[]) =>
  allowed.find((candidate) => candidate === value);

/**
 * The filters as the API wants them, but the order's id, which the caller adds
 * once the reference is found. Values the API would refuse are left out.
 */
export function queryFrom(params: ListParams): NotificationsQuery {
  const query: NotificationsQuery = {};
  const status = oneOf(params.status, NOTIFICATION_STATUS_LIST);
  if (status) query.status = status;
  const event = oneOf(params.event, NOTIFICATION_EVENT_LIST);
  if (event) query.event = event;
  const transport = oneOf(params.transport, TRANSPORT_LIST);
  if (transport) query.transport = transport;
  const clientId = positiveInt(params.clientId);
  if (clientId) query.clientId = clientId;
  const createdFrom = params.createdFrom && dayToIso(params.createdFrom, 'start');
  if (createdFrom) query.createdFrom = createdFrom;
  const createdTo = params.createdTo && dayToIso(params.createdTo, 'end');
  if (createdTo) query.createdTo = createdTo;
  return query;
}

/** The reference typed in the order filter, as references are written. */
export const normalizeReference = (text: string) => text.trim().toUpperCase().slice(0, 40);
