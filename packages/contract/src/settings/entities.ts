import Type, { type Static } from 'typebox';
import { Nullable, NullableTimestamp, Timestamp, Version } from '../common/schemas.ts';

/**
 * Settings are sections; later features add their own section here and in
 * SETTINGS_SECTIONS. Each section is saved whole, with its version.
 */
const NullableString = (max: number) => Nullable(Type.String({ maxLength: max }));

export const CompanySettings = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 160 }),
    addressLines: Type.Array(Type.String({ maxLength: 160 }), { maxItems: 4 }),
    postalCode: NullableString(20),
    city: NullableString(100),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    vatNumber: NullableString(20),
    logoUrl: Nullable(Type.String({ format: 'uri', maxLength: 500 })),
    emailSenderName: Type.String({ minLength: 1, maxLength: 120 }),
    emailSenderAddress: Type.String({ format: 'email', maxLength: 254 }),
  },
  { additionalProperties: false },
);
export type CompanySettings = Static<typeof CompanySettings>;

export const GeneralSettings = Type.Object(
  {
    timeZone: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA zone, e.g. Europe/Paris',
    }),
    defaultCountry: Type.String({ pattern: '^[A-Z]{2}$' }),
    baseCurrency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
    orderReferenceFormat: Type.String({
      minLength: 3,
      maxLength: 40,
      pattern: '\\{seq(:\\d)?\\}',
      description: 'Tokens: {year}, {seq:N} (N digits, required). Default CMD-{year}-{seq:6}',
    }),
  },
  { additionalProperties: false },
);
export type GeneralSettings = Static<typeof GeneralSettings>;

export const CatalogueSettings = Type.Object(
  {
    vatRates: Type.Array(Type.String({ pattern: '^(100(\\.0{1,2})?|\\d{1,2}(\\.\\d{1,2})?)$' }), {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      description: 'VAT rates offered on products, in percent',
    }),
    defaultVatRate: Type.String({ pattern: '^(100(\\.0{1,2})?|\\d{1,2}(\\.\\d{1,2})?)$' }),
  },
  { additionalProperties: false },
);
export type CatalogueSettings = Static<typeof CatalogueSettings>;

export const OrdersSettings = Type.Object(
  {
    paymentMethods: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), {
      maxItems: 30,
      uniqueItems: true,
    }),
    shippingMethods: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 60 }),
          fee: Type.Integer({
            minimum: 0,
            maximum: 100_000_00,
            description: 'Minor units excl. VAT',
          }),
          carrier: Nullable(Type.String({ minLength: 1, maxLength: 60 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
    carriers: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 60 }),
          trackingUrlTemplate: Nullable(
            Type.String({
              maxLength: 300,
              pattern: '^https?://.*\\{code\\}',
              description:
                'URL with {code}, e.g. https://www.laposte.fr/outils/suivre-vos-envois?code={code}',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
  },
  { additionalProperties: false },
);
export type OrdersSettings = Static<typeof OrdersSettings>;

export const NotificationsSettings = Type.Object(
  {
    notifyByDefault: Type.Object(
      {
        order_created: Type.Boolean(),
        status_in_progress: Type.Boolean(),
        status_shipped: Type.Boolean(),
        status_completed: Type.Boolean(),
        status_cancelled: Type.Boolean(),
      },
      {
        additionalProperties: false,
        description: 'Whether each event emails when the change does not say (notify unset)',
      },
    ),
    sendToClient: Type.Boolean({ description: 'Email the client (when they have an address)' }),
    staffRecipients: Type.Enum(['none', 'admins', 'operator', 'admins_and_operator'], {
      description: "Also email admins and/or the order's assigned operator",
    }),
    paymentUrlTemplate: Nullable(
      Type.String({
        maxLength: 300,
        pattern: '^https?://.*\\{reference\\}',
        description:
          'Payment link with {reference} (and optionally {amount}), e.g. https://pay.example.com/{reference}',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NotificationsSettings = Static<typeof NotificationsSettings>;

export const ExchangeRate = Type.Object(
  {
    currency: Type.String({
      pattern: '^[A-Z]{3}$',
      description: 'ISO 4217, not the base currency',
    }),
    rate: Type.String({
      pattern: '^(?=.*[1-9])\\d{1,6}(\\.\\d{1,8})?$',
      description: 'Units of this currency for 1 unit of the base currency, e.g. "1.0850"',
    }),
    setAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type ExchangeRate = Static<typeof ExchangeRate>;

/** Manual exchange rates from the base currency; the server stamps `setAt` when a rate changes. */
export const CurrenciesSettings = Type.Object(
  { rates: Type.Array(ExchangeRate, { maxItems: 50 }) },
  { additionalProperties: false },
);
export type CurrenciesSettings = Static<typeof CurrenciesSettings>;

export const SETTINGS_SECTIONS = {
  company: CompanySettings,
  general: GeneralSettings,
  catalogue: CatalogueSettings,
  orders: OrdersSettings,
  notifications: NotificationsSettings,
  currencies: CurrenciesSettings,
} as const;
export type SettingsSectionName = keyof typeof SETTINGS_SECTIONS;
export interface SettingsValues {
  company: CompanySettings;
  general: GeneralSettings;
  catalogue: CatalogueSettings;
  orders: OrdersSettings;
  notifications: NotificationsSettings;
  currencies: CurrenciesSettings;
}

const sectionEnvelope = <
  T extends
    | typeof CompanySettings
    | typeof GeneralSettings
    | typeof CatalogueSettings
    | typeof OrdersSettings
    | typeof NotificationsSettings
    | typeof CurrenciesSettings,
>(
  value: T,
) => Type.Object({ value, version: Version, updatedAt: NullableTimestamp });

export const SettingsResponse = Type.Object({
  company: sectionEnvelope(CompanySettings),
  general: sectionEnvelope(GeneralSettings),
  catalogue: sectionEnvelope(CatalogueSettings),
  orders: sectionEnvelope(OrdersSettings),
  notifications: sectionEnvelope(NotificationsSettings),
  currencies: sectionEnvelope(CurrenciesSettings),
});
export type SettingsResponse = Static<typeof SettingsResponse>;

export const SettingsSectionParams = Type.Object(
  { section: Type.Enum(Object.keys(SETTINGS_SECTIONS) as SettingsSectionName[]) },
  { additionalProperties: false },
);

export const UpdateCompanySettingsBody = Type.Object(
  { version: Version, value: CompanySettings },
  { additionalProperties: false },
);
export const UpdateGeneralSettingsBody = Type.Object(
  { version: Version, value: GeneralSettings },
  { additionalProperties: false },
);

export const UpdateCatalogueSettingsBody = Type.Object(
  { version: Version, value: CatalogueSettings },
  { additionalProperties: false },
);

export const UpdateOrdersSettingsBody = Type.Object(
  { version: Version, value: OrdersSettings },
  { additionalProperties: false },
);

export const UpdateNotificationsSettingsBody = Type.Object(
  { version: Version, value: NotificationsSettings },
  { additionalProperties: false },
);

export const UpdateCurrenciesSettingsBody = Type.Object(
  { version: Version, value: CurrenciesSettings },
  { additionalProperties: false },
);
