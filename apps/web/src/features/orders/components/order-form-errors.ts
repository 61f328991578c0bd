import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import { isApiError } from '@/lib/api-client';
import { fieldKey } from '@/lib/error-message';
import type { ClientErrors } from './order-form-values';

/**
 * Translated messages by field (`fieldKey` of the API's `errors[].path`: no slash,
 * no index). Every field the order form shows is listed, so `ErrorAlert` does not
 * repeat them.
 */
const FIELD_MESSAGES = {
  lines: 'orders.form.errors.lines',
  'lines/productId': 'orders.form.errors.product',
  'lines/quantity': 'orders.form.errors.quantity',
  'lines/discountRate': 'orders.form.errors.discount',
  'lines/description': 'orders.form.errors.description',
  'lines/unitPrice': 'orders.form.errors.money',
  'lines/vatRate': 'orders.form.errors.vatRate',
  couponCode: 'orders.form.couponNotApplicable',
  shippingMethod: 'orders.form.errors.invalid',
  shippingFee: 'orders.form.errors.money',
  carrier: 'orders.form.errors.invalid',
  trackingCode: 'orders.form.errors.invalid',
  paymentMethod: 'orders.form.errors.invalid',
  operatorId: 'orders.form.errors.invalid',
  tags: 'orders.form.errors.tagLength',
  requestedDeliveryDate: 'orders.form.errors.date',
  internalNote: 'orders.form.errors.invalid',
  'billingAddress/name': 'orders.form.errors.addressName',
  'billingAddress/company': 'orders.form.errors.invalid',
  'billingAddress/email': 'orders.form.errors.email',
  'billingAddress/phone': 'orders.form.errors.phone',
  'billingAddress/line1': 'orders.form.errors.invalid',
  'billingAddress/line2': 'orders.form.errors.invalid',
  'billingAddress/postalCode': 'orders.form.errors.invalid',
  'billingAddress/city': 'orders.form.errors.invalid',
  'billingAddress/country': 'orders.form.errors.country',
  'shippingAddress/name': 'orders.form.errors.addressName',
  'shippingAddress/company': 'orders.form.errors.invalid',
  'shippingAddress/email': 'orders.form.errors.email',
  'shippingAddress/phone': 'orders.form.errors.phone',
  'shippingAddress/line1': 'orders.form.errors.invalid',
  'shippingAddress/line2': 'orders.form.errors.invalid',
  'shippingAddress/postalCode': 'orders.form.errors.invalid',
  'shippingAddress/city': 'orders.form.errors.invalid',
  'shippingAddress/country': 'orders.form.errors.country',
} as const satisfies Record<string, ParseKeys>;

/** A new client is made from the billing block: its issues show on those fields. */
const ALIASES: Record<string, string> = {
  'newClient/name': 'billingAddress/name',
  'newClient/email': 'billingAddress/email',
  'newClient/phone': 'billingAddress/phone',
};

export const ORDER_FIELDS_SHOWN = [
  ...Object.keys(FIELD_MESSAGES),
  ...Object.keys(ALIASES),
  'reason',
];

/** "/body/lines/0/quantity" → "lines/0/quantity": the API's path, indexes kept, to find the row. */
const pathOf = (pointer: string) => {
  const path = pointer.replace(/^\/(body\/)?/, '');
  return ALIASES[path] ?? path;
};

/** The message under each field: the form's own check first, then the API's verdict. */
export function useOrderFormErrors(error: unknown, clientErrors: ClientErrors) {
  const { t } = useTranslation();
  const apiInvalid = new Set((isApiError(error) ? error.errors : []).map((i) => pathOf(i.path)));
  return (path: string): string | undefined => {
    const client = clientErrors[path];
    if (client) return t(client);
    if (!apiInvalid.has(path)) return undefined;
    const key = fieldKey(path) as keyof typeof FIELD_MESSAGES;
    return t(FIELD_MESSAGES[key] ?? 'orders.form.errors.invalid');
  };
}
