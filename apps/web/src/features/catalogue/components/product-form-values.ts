import type {
  CatalogueOptions,
  CreateProductBody,
  Product,
  ProductSpec,
  UpdateProductBody,
} from '@gestco/contract';
import type { ParseKeys } from 'i18next';
import { formatMoneyInput, parseMoney } from '@/lib/money';
import { parseInteger } from './catalogue-format';

export interface SpecRow {
  /** Stable React key: rows are added and removed in the middle. */
  key: number;
  name: string;
  value: string;
  unit: string;
}

export interface SupplierRow {
  key: number;
  supplierId: string;
  /** Shown while the supplier is missing from the select (archived since). */
  supplierName: string;
  reference: string;
  costPrice: string;
  leadTimeDays: string;
}

/** What the product form edits: strings as typed, turned into a request body on submit. */
export interface ProductFormValues {
  sku: string;
  name: string;
  category: string;
  description: string;
  unitPrice: string;
  vatRate: string;
  salesUnit: string;
  active: boolean;
  trackStock: boolean;
  allowBackorder: boolean;
  reorderPoint: string;
  imageUrl: string;
  specs: SpecRow[];
  suppliers: SupplierRow[];
}

let lastRowKey = 0;
export const nextRowKey = () => ++lastRowKey;

export const emptySpecRow = (): SpecRow => ({ key: nextRowKey(), name: '', value: '', unit: '' });
export const emptySupplierRow = (): SupplierRow => ({
  key: nextRowKey(),
  supplierId: '',
  supplierName: '',
  reference: '',
  costPrice: '',
  leadTimeDays: '',
});

export function emptyProductForm(options: CatalogueOptions, salesUnit: string): ProductFormValues {
  return {
    sku: '',
    name: '',
    category: '',
    description: '',
    unitPrice: '',
    vatRate: options.defaultVatRate,
    salesUnit,
    active: true,
    trackStock: true,
    allowBackorder: false,
    reorderPoint: '0',
    imageUrl: '',
    specs: [],
    suppliers: [],
  };
}

export function productFormFrom(product: Product, language: string): ProductFormValues {
  return {
    sku: product.sku,
    name: product.name,
    category: product.category ?? '',
    description: product.description ?? '',
    unitPrice: formatMoneyInput(product.unitPrice, language),
    vatRate: product.vatRate,
    salesUnit: product.salesUnit,
    active: product.active,
    trackStock: product.trackStock,
    allowBackorder: product.allowBackorder,
    reorderPoint: String(product.reorderPoint),
    imageUrl: product.imageUrl ?? '',
    specs: product.specs.map((spec) => ({
      key: nextRowKey(),
      name: spec.name,
      value: spec.value,
      unit: spec.unit ?? '',
    })),
    suppliers: product.suppliers.map((link) => ({
      key: nextRowKey(),
      supplierId: String(link.supplierId),
      supplierName: link.supplierName,
      reference: link.reference ?? '',
      costPrice: link.costPrice === null ? '' : formatMoneyInput(link.costPrice, language),
      leadTimeDays: link.leadTimeDays === null ? '' : String(link.leadTimeDays),
    })),
  };
}

type SupplierLinkInput = NonNullable<CreateProductBody['suppliers']>[number];

/** Every field, normalised: the body of a create, the reference an edit is compared with. */
export interface ProductFields {
  sku: string;
  name: string;
  category: string | null;
  description: string | null;
  unitPrice: number;
  vatRate: string;
  salesUnit: string;
  active: boolean;
  trackStock: boolean;
  allowBackorder: boolean;
  reorderPoint: number;
  imageUrl: string | null;
  specs: ProductSpec[];
  suppliers: SupplierLinkInput[];
}

/**
 * Problems the form can tell before asking the API, keyed like the API's
 * `errors[].path` without its slash ("unitPrice", "specs/1/value").
 */
export type ClientErrors = Record<string, ParseKeys>;

export type ProductFieldsResult =
  { ok: true; fields: ProductFields } | { ok: false; errors: ClientErrors };

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

function supplierLinkOf(
  row: SupplierRow,
  index: number,
  language: string,
  errors: ClientErrors,
): SupplierLinkInput {
  const link: SupplierLinkInput = { supplierId: Number(row.supplierId) };
  if (row.supplierId === '')
    errors[`suppliers/${index}/supplierId`] = 'products.form.errors.supplier';
  const reference = orNull(row.reference);
  if (reference !== null) link.reference = reference;
  if (row.costPrice.trim() !== '') {
    const costPrice = parseMoney(row.costPrice, language);
    if (costPrice === null) errors[`suppliers/${index}/costPrice`] = 'products.form.errors.money';
    else link.costPrice = costPrice;
  }
  if (row.leadTimeDays.trim() !== '') {
    const days = parseInteger(row.leadTimeDays);
    if (days === null || days < 0 || days > 365)
      errors[`suppliers/${index}/leadTimeDays`] = 'products.form.errors.leadTimeDays';
    else link.leadTimeDays = days;
  }
  return link;
}

/** The form's values as the API wants them, or what to fix first. */
export function productFieldsFrom(
  values: ProductFormValues,
  language: string,
): ProductFieldsResult {
  const errors: ClientErrors = {};
  if (values.sku.trim() === '') errors.sku = 'products.form.errors.sku';
  if (values.name.trim() === '') errors.name = 'products.form.errors.name';
  if (values.salesUnit.trim() === '') errors.salesUnit = 'products.form.errors.salesUnit';
  const unitPrice = parseMoney(values.unitPrice, language);
  if (unitPrice === null) errors.unitPrice = 'products.form.errors.money';
  const reorderPoint = values.reorderPoint.trim() === '' ? 0 : parseInteger(values.reorderPoint);
  if (reorderPoint === null || reorderPoint < 0)
    errors.reorderPoint = 'products.form.errors.reorderPoint';

  // A row is there because someone added it: an empty one is a mistake to point at, not to drop.
  const specs = values.specs.map((row, index): ProductSpec => {
    if (row.name.trim() === '') errors[`specs/${index}/name`] = 'products.form.errors.specName';
    if (row.value.trim() === '') errors[`specs/${index}/value`] = 'products.form.errors.specValue';
    return { name: row.name.trim(), value: row.value.trim(), unit: orNull(row.unit) };
  });
  const suppliers = values.suppliers.map((row, index) =>
    supplierLinkOf(row, index, language, errors),
  );
  const seen = new Set<string>();
  values.suppliers.forEach((row, index) => {
    if (row.supplierId !== '' && seen.has(row.supplierId))
      errors[`suppliers/${index}/supplierId`] = 'products.form.errors.supplierTwice';
    seen.add(row.supplierId);
  });

  if (Object.keys(errors).length > 0 || unitPrice === null || reorderPoint === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    fields: {
      sku: values.sku.trim(),
      name: values.name.trim(),
      category: orNull(values.category),
      description: orNull(values.description),
      unitPrice,
      vatRate: values.vatRate,
      salesUnit: values.salesUnit.trim(),
      active: values.active,
      trackStock: values.trackStock,
      allowBackorder: values.allowBackorder,
      reorderPoint,
      imageUrl: orNull(values.imageUrl),
      specs,
      suppliers,
    },
  };
}

/** A new product: blank optional fields are left out, so the API's defaults apply. */
export function toCreateBody(fields: ProductFields): CreateProductBody {
  const { category, description, imageUrl, specs, suppliers, ...required } = fields;
  return {
    ...required,
    ...(category !== null ? { category } : {}),
    ...(description !== null ? { description } : {}),
    ...(imageUrl !== null ? { imageUrl } : {}),
    ...(specs.length > 0 ? { specs } : {}),
    ...(suppliers.length > 0 ? { suppliers } : {}),
  };
}

function linksOf(product: Product): SupplierLinkInput[] {
  return product.suppliers.map((link) => ({
    supplierId: link.supplierId,
    ...(link.reference !== null ? { reference: link.reference } : {}),
    ...(link.costPrice !== null ? { costPrice: link.costPrice } : {}),
    ...(link.leadTimeDays !== null ? { leadTimeDays: link.leadTimeDays } : {}),
  }));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * An edit: only what changed, with the version read, so a colleague's change to
 * another field is not overwritten. `null` when nothing changed. Specs and
 * supplier links are lists: sent whole when anything in them changed.
 */
export function toUpdateBody(fields: ProductFields, product: Product): UpdateProductBody | null {
  const body: UpdateProductBody = { version: product.version };
  const scalar = [
    'sku',
    'name',
    'category',
    'description',
    'unitPrice',
    'vatRate',
    'salesUnit',
    'active',
    'trackStock',
    'allowBackorder',
    'reorderPoint',
    'imageUrl',
  ] as const satisfies readonly (keyof ProductFields & keyof UpdateProductBody)[];
  for (const field of scalar) {
    if (fields[field] !== product[field]) Object.assign(body, { [field]: fields[field] });
  }
  const specs = product.specs.map(({ name, value, unit }) => ({ name, value, unit }));
  if (!same(fields.specs, specs)) body.specs = fields.specs;
  if (!same(fields.suppliers, linksOf(product))) body.suppliers = fields.suppliers;
  return Object.keys(body).length > 1 ? body : null;
}
