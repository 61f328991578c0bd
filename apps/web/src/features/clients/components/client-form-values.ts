import type {
  Client,
  ClientKind,
  ClientStatus,
  ClientTemperature,
  CreateClientBody,
  Locale,
  NotePriority,
  UpdateClientBody,
} from '@gestco/contract';

/** What the client form edits: strings as typed, turned into a request body on submit. */
export interface ClientFormValues {
  kind: ClientKind;
  name: string;
  contactPerson: string;
  email: string;
  phone: string;
  vatNumber: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
  status: ClientStatus;
  temperature: ClientTemperature;
  discountRate: string;
  currency: string;
  language: Locale;
  tags: string;
  noteText: string;
  notePriority: NotePriority;
}

type Address = NonNullable<CreateClientBody['address']>;
type AddressField = keyof Address;

const ADDRESS_FIELDS = {
  line1: 'line1',
  line2: 'line2',
  postalCode: 'postalCode',
  city: 'city',
  country: 'country',
} as const satisfies Record<AddressField, keyof ClientFormValues>;

/** The API's defaults, shown rather than implied. */
export function emptyClientForm(): ClientFormValues {
  return {
    kind: 'company',
    name: '',
    contactPerson: '',
    email: '',
    phone: '',
    vatNumber: '',
    line1: '',
    line2: '',
    postalCode: '',
    city: '',
    country: '',
    status: 'current',
    temperature: 'warm',
    discountRate: '',
    currency: 'EUR',
    language: 'fr',
    tags: '',
    noteText: '',
    notePriority: 'none',
  };
}

export function clientFormFrom(client: Client): ClientFormValues {
  return {
    ...emptyClientForm(),
    kind: client.kind,
    name: client.name,
    contactPerson: client.contactPerson ?? '',
    email: client.email ?? '',
    // E.164, not the national form: it reads back the same whatever the client's country.
    phone: client.phone ?? '',
    vatNumber: client.vatNumber ?? '',
    line1: client.address.line1 ?? '',
    line2: client.address.line2 ?? '',
    postalCode: client.address.postalCode ?? '',
    city: client.address.city ?? '',
    country: client.address.country ?? '',
    status: client.status,
    temperature: client.temperature,
    discountRate: Number(client.discountRate) > 0 ? client.discountRate : '',
    currency: client.currency,
    language: client.language,
    tags: client.tags.join(', '),
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** "12,5 %" → "12.5": French decimal comma and a typed percent sign are fine. */
function discountOf(value: string): string {
  const rate = value.replace(/[\s%]/g, '').replace(',', '.');
  return rate === '' ? '0' : rate;
}

function tagsOf(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

function addressOf(values: ClientFormValues): Record<AddressField, string | null> {
  const address = {} as Record<AddressField, string | null>;
  for (const [field, formField] of Object.entries(ADDRESS_FIELDS) as [
    AddressField,
    keyof ClientFormValues,
  ][]) {
    address[field] = orNull(values[formField]);
  }
  if (address.country) address.country = address.country.toUpperCase();
  return address;
}

/** A new client: blank optional fields are left out, so the API's defaults apply. */
export function toCreateBody(values: ClientFormValues): CreateClientBody {
  const body: CreateClientBody = {
    kind: values.kind,
    name: values.name.trim(),
    status: values.status,
    temperature: values.temperature,
    currency: values.currency.trim().toUpperCase(),
    language: values.language,
  };
  const optional = {
    contactPerson: orNull(values.contactPerson),
    email: orNull(values.email),
    phone: orNull(values.phone), // as typed: the API normalises it
    vatNumber: orNull(values.vatNumber),
  };
  for (const [field, value] of Object.entries(optional) as [keyof typeof optional, string][]) {
    if (value !== null) body[field] = value;
  }
  const address = Object.fromEntries(
    Object.entries(addressOf(values)).filter(([, value]) => value !== null),
  );
  if (Object.keys(address).length > 0) body.address = address;
  if (values.discountRate.trim() !== '') body.discountRate = discountOf(values.discountRate);
  const tags = tagsOf(values.tags);
  if (tags.length > 0) body.tags = tags;
  if (values.noteText.trim() !== '') {
    body.note = { text: values.noteText.trim(), priority: values.notePriority };
  }
  return body;
}

/**
 * An edit: only what changed, with the version read, so a colleague's change to
 * another field is not overwritten. `null` when nothing changed.
 */
export function toUpdateBody(values: ClientFormValues, client: Client): UpdateClientBody | null {
  const body: UpdateClientBody = { version: client.version };
  const name = values.name.trim();
  if (name !== client.name) body.name = name;
  if (values.kind !== client.kind) body.kind = values.kind;
  if (values.status !== client.status) body.status = values.status;
  if (values.temperature !== client.temperature) body.temperature = values.temperature;
  if (values.language !== client.language) body.language = values.language;

  const contactPerson = orNull(values.contactPerson);
  if (contactPerson !== client.contactPerson) body.contactPerson = contactPerson;
  const email = orNull(values.email);
  if (email?.toLowerCase() !== client.email?.toLowerCase()) body.email = email;
  const phone = orNull(values.phone);
  if (phone !== client.phone) body.phone = phone;
  const vatNumber = orNull(values.vatNumber);
  if (vatNumber !== client.vatNumber) body.vatNumber = vatNumber;

  const address = addressOf(values);
  const changedAddress = Object.fromEntries(
    Object.entries(address).filter(
      ([field, value]) => value !== client.address[field as AddressField],
    ),
  );
  if (Object.keys(changedAddress).length > 0) body.address = changedAddress;

  const discountRate = discountOf(values.discountRate);
  if (Number(discountRate) !== Number(client.discountRate) || Number.isNaN(Number(discountRate))) {
    body.discountRate = discountRate;
  }
  const currency = values.currency.trim().toUpperCase();
  if (currency !== client.currency) body.currency = currency;
  const tags = tagsOf(values.tags);
  if (tags.join('\n') !== client.tags.join('\n')) body.tags = tags;

  return Object.keys(body).length > 1 ? body : null;
}
