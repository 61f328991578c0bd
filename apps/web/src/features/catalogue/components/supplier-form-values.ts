import type { CreateSupplierBody, Supplier, UpdateSupplierBody } from '@gestco/contract';

/** What the supplier form edits: strings as typed, turned into a request body on submit. */
export interface SupplierFormValues {
  name: string;
  contactPerson: string;
  email: string;
  phone: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
  notes: string;
}

type Address = NonNullable<CreateSupplierBody['address']>;
const ADDRESS_FIELDS = [
  'line1',
  'line2',
  'postalCode',
  'city',
  'country',
] as const satisfies readonly (keyof Address & keyof SupplierFormValues)[];

export function emptySupplierForm(): SupplierFormValues {
  return {
    name: '',
    contactPerson: '',
    email: '',
    phone: '',
    line1: '',
    line2: '',
    postalCode: '',
    city: '',
    country: '',
    notes: '',
  };
}

export function supplierFormFrom(supplier: Supplier): SupplierFormValues {
  return {
    name: supplier.name,
    contactPerson: supplier.contactPerson ?? '',
    email: supplier.email ?? '',
    // E.164, not the national form: it reads back the same whatever the country.
    phone: supplier.phone ?? '',
    line1: supplier.address.line1 ?? '',
    line2: supplier.address.line2 ?? '',
    postalCode: supplier.address.postalCode ?? '',
    city: supplier.address.city ?? '',
    country: supplier.address.country ?? '',
    notes: supplier.notes ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

function addressOf(
  values: SupplierFormValues,
): Record<(typeof ADDRESS_FIELDS)[number], string | null> {
  const address = Object.fromEntries(
    ADDRESS_FIELDS.map((field) => [field, orNull(values[field])]),
  ) as Record<(typeof ADDRESS_FIELDS)[number], string | null>;
  if (address.country) address.country = address.country.toUpperCase();
  return address;
}

/** A new supplier: blank optional fields are left out. */
export function toCreateBody(values: SupplierFormValues): CreateSupplierBody {
  const body: CreateSupplierBody = { name: values.name.trim() };
  const optional = {
    contactPerson: orNull(values.contactPerson),
    email: orNull(values.email),
    phone: orNull(values.phone), // as typed: the API normalises it
    notes: orNull(values.notes),
  };
  for (const [field, value] of Object.entries(optional) as [keyof typeof optional, string][]) {
    if (value !== null) body[field] = value;
  }
  const address = Object.fromEntries(
    Object.entries(addressOf(values)).filter(([, value]) => value !== null),
  );
  if (Object.keys(address).length > 0) body.address = address;
  return body;
}

/** An edit: only what changed, with the version read. `null` when nothing changed. */
export function toUpdateBody(
  values: SupplierFormValues,
  supplier: Supplier,
): UpdateSupplierBody | null {
  const body: UpdateSupplierBody = { version: supplier.version };
  const name = values.name.trim();
  if (name !== supplier.name) body.name = name;
  const contactPerson = orNull(values.contactPerson);
  if (contactPerson !== supplier.contactPerson) body.contactPerson = contactPerson;
  const email = orNull(values.email);
  if (email?.toLowerCase() !== supplier.email?.toLowerCase()) body.email = email;
  const phone = orNull(values.phone);
  if (phone !== supplier.phone) body.phone = phone;
  const notes = orNull(values.notes);
  if (notes !== supplier.notes) body.notes = notes;
  const changedAddress = Object.fromEntries(
    Object.entries(addressOf(values)).filter(
      ([field, value]) => value !== supplier.address[field as keyof Supplier['address']],
    ),
  );
  if (Object.keys(changedAddress).length > 0) body.address = changedAddress;
  return Object.keys(body).length > 1 ? body : null;
}
