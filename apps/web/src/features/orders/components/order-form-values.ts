import {
  normaliseRate,
  percentToBasisPoints,
  type Client,
  type Coupon,
  type CouponInput,
  type CreateOrderBody,
  type Order,
  type OrderAddress,
  type OrderLineInput,
  type OrderOptions,
  type OrderOrigin,
  type Product,
  type TotalsInput,
  type UpdateOrderBody,
} from '@gestco/contract';
import type { ParseKeys } from 'i18next';
import { formatPercentInput, parsePercent } from '@/lib/format-number';
import { formatMoneyInput, parseMoney } from '@/lib/money';

/** A billing or shipping block as typed: every part a string, blank = none. */
export interface AddressValues {
  name: string;
  company: string;
  email: string;
  phone: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

export const ADDRESS_PARTS = [
  'name',
  'company',
  'email',
  'phone',
  'line1',
  'line2',
  'postalCode',
  'city',
  'country',
] as const satisfies readonly (keyof AddressValues)[];

/** What the picker knew about a product when it was added: shown beside the line. */
export interface LineStock {
  onHand: number;
  stockStatus: Product['stockStatus'];
  trackStock: boolean;
  allowBackorder: boolean;
  salesUnit: string;
}

export interface LineRow {
  /** Stable React key: rows are added and removed in the middle. */
  key: number;
  /** The order line it edits (keeps its price snapshot); null for a new line. */
  id: number | null;
  /** null: a free-text line, priced by hand. */
  productId: number | null;
  sku: string | null;
  /** The product's name, or the free-text line's description (editable). */
  name: string;
  quantity: string;
  /** Line discount in percent, as typed; blank = none. */
  discount: string;
  /** Free-text lines: the price typed. Catalogue lines: `unitPriceMinor`, shown read-only. */
  unitPrice: string;
  unitPriceMinor: number | null;
  vatRate: string;
  stock: LineStock | null;
}

/** The fields an order form edits, as typed; turned into a request body on submit. */
export interface OrderFormValues {
  origin: OrderOrigin;
  operatorId: string;
  lines: LineRow[];
  couponCode: string;
  shippingMethod: string;
  shippingFee: string;
  carrier: string;
  trackingCode: string;
  paymentMethod: string;
  billing: AddressValues;
  shippingSameAsBilling: boolean;
  shipping: AddressValues;
  tags: string[];
  requestedDeliveryDate: string;
  internalNote: string;
}

/** The parts of the form compared field by field after a conflict. */
export const ORDER_FORM_FIELDS = [
  'operatorId',
  'lines',
  'couponCode',
  'shippingMethod',
  'shippingFee',
  'carrier',
  'trackingCode',
  'paymentMethod',
  'billing',
  'shippingSameAsBilling',
  'shipping',
  'tags',
  'requestedDeliveryDate',
  'internalNote',
] as const satisfies readonly (keyof OrderFormValues)[];
export type OrderFormField = (typeof ORDER_FORM_FIELDS)[number];

let lastRowKey = 0;
export const nextRowKey = () => ++lastRowKey;

export const emptyAddress = (): AddressValues => ({
  name: '',
  company: '',
  email: '',
  phone: '',
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  country: '',
});

function addressValuesFrom(address: OrderAddress): AddressValues {
  return {
    name: address.name,
    company: address.company ?? '',
    email: address.email ?? '',
    phone: address.phone ?? '',
    line1: address.line1 ?? '',
    line2: address.line2 ?? '',
    postalCode: address.postalCode ?? '',
    city: address.city ?? '',
    country: address.country ?? '',
  };
}

/** The client's record as the billing block: name, contact and postal address. */
export function billingFromClient(client: Client): AddressValues {
  return {
    name: client.name,
    company: '',
    email: client.email ?? '',
    phone: client.phone ?? '',
    line1: client.address.line1 ?? '',
    line2: client.address.line2 ?? '',
    postalCode: client.address.postalCode ?? '',
    city: client.address.city ?? '',
    country: client.address.country ?? '',
  };
}

export function emptyOrderForm(operatorId: number): OrderFormValues {
  return {
    origin: 'phone',
    operatorId: String(operatorId),
    lines: [],
    couponCode: '',
    shippingMethod: '',
    shippingFee: '',
    carrier: '',
    trackingCode: '',
    paymentMethod: '',
    billing: emptyAddress(),
    shippingSameAsBilling: true,
    shipping: emptyAddress(),
    tags: [],
    requestedDeliveryDate: '',
    internalNote: '',
  };
}

export function orderFormFrom(order: Order, language: string): OrderFormValues {
  return {
    origin: order.origin,
    operatorId: order.operatorId === null ? '' : String(order.operatorId),
    lines: order.lines.map((line) => ({
      key: nextRowKey(),
      id: line.id,
      productId: line.productId,
      sku: line.sku,
      name: line.name,
      quantity: String(line.quantity),
      discount:
        percentToBasisPoints(line.discountRate) === 0
          ? ''
          : formatPercentInput(line.discountRate, language),
      unitPrice: formatMoneyInput(line.unitPrice, language),
      unitPriceMinor: line.productId === null ? null : line.unitPrice,
      vatRate: normaliseRate(line.vatRate),
      stock: null,
    })),
    couponCode: order.couponCode ?? '',
    shippingMethod: order.shippingMethod ?? '',
    shippingFee: formatMoneyInput(order.shippingFee, language),
    carrier: order.carrier ?? '',
    trackingCode: order.trackingCode ?? '',
    paymentMethod: order.paymentMethod ?? '',
    billing: addressValuesFrom(order.billingAddress),
    shippingSameAsBilling: order.shippingSameAsBilling,
    shipping: order.shippingSameAsBilling
      ? emptyAddress()
      : addressValuesFrom(order.shippingAddress),
    tags: [...order.tags],
    requestedDeliveryDate: order.requestedDeliveryDate ?? '',
    internalNote: order.internalNote ?? '',
  };
}

/** A line for a product picked in the catalogue, at its current price. */
export function lineFromProduct(product: Product): LineRow {
  return {
    key: nextRowKey(),
    id: null,
    productId: product.id,
    sku: product.sku,
    name: product.name,
    quantity: '1',
    discount: '',
    unitPrice: '',
    unitPriceMinor: product.unitPrice,
    vatRate: normaliseRate(product.vatRate),
    stock: {
      onHand: product.onHand,
      stockStatus: product.stockStatus,
      trackStock: product.trackStock,
      allowBackorder: product.allowBackorder,
      salesUnit: product.salesUnit,
    },
  };
}

export function freeTextLine(vatRate: string): LineRow {
  return {
    key: nextRowKey(),
    id: null,
    productId: null,
    sku: null,
    name: '',
    quantity: '1',
    discount: '',
    unitPrice: '',
    unitPriceMinor: null,
    vatRate: normaliseRate(vatRate),
    stock: null,
  };
}

/** A whole number as typed ("12", " 3 "), or null. */
export function parseQuantity(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}

/** The unit price of a row in minor units, or null while a free-text price is not readable. */
export function unitPriceOf(row: LineRow, language: string): number | null {
  return row.productId !== null ? row.unitPriceMinor : parseMoney(row.unitPrice, language);
}

export function couponInputOf(coupon: Coupon | null): CouponInput | null {
  if (!coupon) return null;
  if (coupon.kind === 'percent') return { kind: 'percent', percent: coupon.percent ?? '0' };
  return { kind: 'amount', amount: coupon.amount ?? 0 };
}

/**
 * The form as `computeTotals` wants it, for the live preview. What cannot be read
 * yet (a half-typed price) counts as zero: the preview follows the typing, and the
 * server, which prices the order, has the last word.
 */
export function totalsInputOf(
  values: OrderFormValues,
  context: { clientDiscountRate: string; coupon: CouponInput | null; shippingVatRate: string },
  language: string,
): TotalsInput {
  return {
    lines: values.lines.map((row) => ({
      quantity: parseQuantity(row.quantity) ?? 0,
      unitPrice: unitPriceOf(row, language) ?? 0,
      discountRate: row.discount.trim() === '' ? '0' : (parsePercent(row.discount) ?? '0'),
      vatRate: row.vatRate,
    })),
    clientDiscountRate: context.clientDiscountRate,
    coupon: context.coupon,
    shippingFee: parseMoney(values.shippingFee, language) ?? 0,
    shippingVatRate: context.shippingVatRate,
  };
}

/**
 * Problems the form can tell before asking the API, keyed like the API's
 * `errors[].path` without its slash ("lines/1/quantity", "billingAddress/email").
 */
export type ClientErrors = Record<string, ParseKeys>;

/** Every field, normalised: the base of a create, and what an edit compares with the order. */
export interface OrderFields {
  operatorId: number | null;
  lines: OrderLineInput[];
  paymentMethod: string | null;
  shippingMethod: string | null;
  carrier: string | null;
  trackingCode: string | null;
  /** null while the billing block is blank (a create then uses the client's record). */
  billingAddress: OrderAddress | null;
  shippingSameAsBilling: boolean;
  shippingAddress: OrderAddress | null;
  couponCode: string | null;
  shippingFee: number;
  internalNote: string | null;
  tags: string[];
  requestedDeliveryDate: string | null;
}

export type OrderFieldsResult =
  { ok: true; fields: OrderFields } | { ok: false; errors: ClientErrors };

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function addressOf(
  values: AddressValues,
  path: string,
  errors: ClientErrors,
  required: boolean,
): OrderAddress | null {
  const blank = ADDRESS_PARTS.every((part) => values[part].trim() === '');
  if (blank && !required) return null;
  if (values.name.trim() === '') errors[`${path}/name`] = 'orders.form.errors.addressName';
  const email = orNull(values.email);
  if (email !== null && !EMAIL.test(email)) errors[`${path}/email`] = 'orders.form.errors.email';
  const country = orNull(values.country)?.toUpperCase() ?? null;
  if (country !== null && !/^[A-Z]{2}$/.test(country))
    errors[`${path}/country`] = 'orders.form.errors.country';
  return {
    name: values.name.trim(),
    company: orNull(values.company),
    email,
    phone: orNull(values.phone),
    line1: orNull(values.line1),
    line2: orNull(values.line2),
    postalCode: orNull(values.postalCode),
    city: orNull(values.city),
    country,
  };
}

function lineInputOf(
  row: LineRow,
  index: number,
  language: string,
  errors: ClientErrors,
): OrderLineInput {
  const quantity = parseQuantity(row.quantity);
  if (quantity === null || quantity < 1)
    errors[`lines/${index}/quantity`] = 'orders.form.errors.quantity';
  const discountRate = row.discount.trim() === '' ? '0' : parsePercent(row.discount);
  if (discountRate === null) errors[`lines/${index}/discountRate`] = 'orders.form.errors.discount';
  const base = {
    ...(row.id !== null ? { id: row.id } : {}),
    quantity: quantity ?? 0,
    discountRate: discountRate ?? '0',
  };
  // A catalogue line is priced by the server: never send its price (the API refuses it).
  if (row.productId !== null) return { ...base, productId: row.productId };
  if (row.name.trim() === '')
    errors[`lines/${index}/description`] = 'orders.form.errors.description';
  const unitPrice = parseMoney(row.unitPrice, language);
  if (unitPrice === null) errors[`lines/${index}/unitPrice`] = 'orders.form.errors.money';
  return { ...base, description: row.name.trim(), unitPrice: unitPrice ?? 0, vatRate: row.vatRate };
}

/** The form's values as the API wants them, or what to fix first. */
export function orderFieldsFrom(
  values: OrderFormValues,
  language: string,
  options: { billingRequired: boolean },
): OrderFieldsResult {
  const errors: ClientErrors = {};
  if (values.lines.length === 0) errors.lines = 'orders.form.errors.lines';
  const lines = values.lines.map((row, index) => lineInputOf(row, index, language, errors));
  const shippingFee =
    values.shippingFee.trim() === '' ? 0 : parseMoney(values.shippingFee, language);
  if (shippingFee === null) errors.shippingFee = 'orders.form.errors.money';
  const billingAddress = addressOf(
    values.billing,
    'billingAddress',
    errors,
    options.billingRequired,
  );
  const shippingAddress = values.shippingSameAsBilling
    ? null
    : addressOf(values.shipping, 'shippingAddress', errors, true);
  if (Object.keys(errors).length > 0 || shippingFee === null) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      operatorId: values.operatorId === '' ? null : Number(values.operatorId),
      lines,
      paymentMethod: orNull(values.paymentMethod),
      shippingMethod: orNull(values.shippingMethod),
      carrier: orNull(values.carrier),
      trackingCode: orNull(values.trackingCode),
      billingAddress,
      shippingSameAsBilling: values.shippingSameAsBilling,
      shippingAddress,
      couponCode: orNull(values.couponCode)?.toUpperCase() ?? null,
      shippingFee,
      internalNote: orNull(values.internalNote),
      tags: values.tags,
      requestedDeliveryDate: orNull(values.requestedDeliveryDate),
    },
  };
}

/** Who the order is for: a client found by phone, or one created from the billing block. */
export type OrderClientChoice =
  { clientId: number } | { newClient: NonNullable<CreateOrderBody['newClient']> };

/** A new order: blank optional fields are left out, so the API's defaults apply. */
export function toCreateBody(
  fields: OrderFields,
  client: OrderClientChoice,
  origin: OrderOrigin,
): CreateOrderBody {
  const optional = {
    operatorId: fields.operatorId,
    paymentMethod: fields.paymentMethod,
    shippingMethod: fields.shippingMethod,
    carrier: fields.carrier,
    trackingCode: fields.trackingCode,
    billingAddress: fields.billingAddress,
    shippingAddress: fields.shippingAddress,
    couponCode: fields.couponCode,
    internalNote: fields.internalNote,
    requestedDeliveryDate: fields.requestedDeliveryDate,
  };
  const present = Object.fromEntries(
    Object.entries(optional).filter(([, value]) => value !== null),
  ) as Partial<CreateOrderBody>;
  return {
    ...client,
    origin,
    lines: fields.lines,
    ...present,
    shippingSameAsBilling: fields.shippingSameAsBilling,
    shippingFee: fields.shippingFee,
    ...(fields.tags.length > 0 ? { tags: fields.tags } : {}),
  };
}

/** The order's lines as the form would send them unchanged: what an edit compares with. */
function lineInputsOf(order: Order): OrderLineInput[] {
  return order.lines.map((line) => {
    const base = {
      id: line.id,
      quantity: line.quantity,
      discountRate: String(percentToBasisPoints(line.discountRate) / 100),
    };
    if (line.productId !== null) return { ...base, productId: line.productId };
    return {
      ...base,
      description: line.name,
      unitPrice: line.unitPrice,
      vatRate: normaliseRate(line.vatRate),
    };
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const normalisedLines = (lines: OrderLineInput[]) =>
  lines.map((line) => ({
    ...line,
    discountRate: percentToBasisPoints(line.discountRate ?? '0'),
    ...(line.vatRate !== undefined ? { vatRate: normaliseRate(line.vatRate) } : {}),
  }));

/**
 * An edit: only what changed since `base` (the copy the form started from), with
 * its version, so a colleague's change to another field is not overwritten.
 * `null` when nothing changed. Lines are a list: sent whole when any changed.
 */
export function toUpdateBody(
  fields: OrderFields,
  base: Order,
  reason: string,
): UpdateOrderBody | null {
  const body: UpdateOrderBody = { version: base.version };
  const scalar = [
    'operatorId',
    'paymentMethod',
    'shippingMethod',
    'carrier',
    'trackingCode',
    'couponCode',
    'shippingFee',
    'internalNote',
    'requestedDeliveryDate',
    'shippingSameAsBilling',
  ] as const satisfies readonly (keyof OrderFields & keyof UpdateOrderBody & keyof Order)[];
  for (const field of scalar) {
    if (fields[field] !== base[field]) Object.assign(body, { [field]: fields[field] });
  }
  if (!same(fields.tags, base.tags)) body.tags = fields.tags;
  if (fields.billingAddress && !same(fields.billingAddress, base.billingAddress))
    body.billingAddress = fields.billingAddress;
  if (
    !fields.shippingSameAsBilling &&
    fields.shippingAddress &&
    (base.shippingSameAsBilling || !same(fields.shippingAddress, base.shippingAddress))
  )
    body.shippingAddress = fields.shippingAddress;
  if (!same(normalisedLines(fields.lines), normalisedLines(lineInputsOf(base))))
    body.lines = fields.lines;
  if (Object.keys(body).length === 1) return null;
  if (reason.trim() !== '') body.reason = reason.trim();
  return body;
}

/** A field's value in a form, comparable across copies (row keys and stock hints left out). */
function comparable(values: OrderFormValues, field: OrderFormField): string {
  if (field === 'lines') {
    return JSON.stringify(
      values.lines.map(({ id, productId, name, quantity, discount, unitPrice, vatRate }) => ({
        id,
        productId,
        name,
        quantity: quantity.trim(),
        discount: discount.trim(),
        unitPrice: productId === null ? unitPrice.trim() : '',
        vatRate,
      })),
    );
  }
  if (field === 'shipping' && values.shippingSameAsBilling) return '';
  return JSON.stringify(values[field]);
}

export interface ConflictMerge {
  values: OrderFormValues;
  /** Fields a colleague changed: taken over where the form had not touched them. */
  theirs: OrderFormField[];
  /** Of those, the ones the form had changed too: the form's value is kept. */
  both: OrderFormField[];
}

/**
 * After a 409 VERSION_CONFLICT: a three-way merge of what was typed (`mine`) with
 * the stored order (`latest`), from the copy the form started from (`base`).
 * Nothing typed is lost; untouched fields catch up with the colleague's change.
 */
export function mergeAfterConflict(
  mine: OrderFormValues,
  base: OrderFormValues,
  latest: OrderFormValues,
): ConflictMerge {
  const values = { ...mine };
  const theirs: OrderFormField[] = [];
  const both: OrderFormField[] = [];
  for (const field of ORDER_FORM_FIELDS) {
    if (comparable(base, field) === comparable(latest, field)) continue;
    theirs.push(field);
    if (comparable(base, field) === comparable(mine, field)) {
      Object.assign(values, { [field]: latest[field] });
      if (field === 'shipping' || field === 'shippingSameAsBilling') {
        values.shippingSameAsBilling = latest.shippingSameAsBilling;
        values.shipping = latest.shipping;
      }
    } else {
      both.push(field);
    }
  }
  return { values, theirs, both };
}

/** The shipping method's fee and carrier, when one is chosen from the settings' list. */
export function applyShippingMethod(
  values: OrderFormValues,
  name: string,
  options: OrderOptions,
  language: string,
): OrderFormValues {
  const method = options.shippingMethods.find((candidate) => candidate.name === name);
  if (!method) return { ...values, shippingMethod: name };
  return {
    ...values,
    shippingMethod: name,
    shippingFee: formatMoneyInput(method.fee, language),
    carrier: method.carrier ?? values.carrier,
  };
}

/** The billing block as text, for the clipboard (a label, an e-mail to the carrier…). */
export function addressBlock(address: AddressValues): string {
  const cityLine = [address.postalCode, address.city].map((part) => part.trim()).filter(Boolean);
  return [
    address.name,
    address.company,
    address.line1,
    address.line2,
    cityLine.join(' '),
    address.country,
    address.phone,
    address.email,
  ]
    .map((part) => part.trim())
    .filter(Boolean)
    .join('\n');
}
