import Type, { type Static } from 'typebox';
import { Id, Timestamp } from '../common/schemas.ts';
import { ClientsListQuery } from '../clients/payloads.ts';
import { ProductsListQuery } from '../catalogue/payloads.ts';
import { STOCK_MOVEMENT_KINDS } from '../catalogue/entities.ts';
import { NotificationsListQuery } from '../notifications/payloads.ts';
import { ORDER_SORTS, orderFilterFields } from '../orders/payloads.ts';
import { ReportSpec } from './payloads.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How a file is written: the same options for every export. */
export const exportOptionFields = {
  format: Type.Optional(Type.Enum([...EXPORT_FORMATS], { description: 'Default csv' })),
  separator: Type.Optional(
    Type.Enum(['semicolon', 'comma', 'tab'], {
      description: 'CSV only. Default semicolon (what French Excel expects)',
    }),
  ),
  sepLine: Type.Optional(
    Type.Boolean({
      description:
        'CSV only: write a first "sep=;" line so any Excel splits the columns (Excel then ignores the BOM: keep it off for accented text)',
    }),
  ),
  decimal: Type.Optional(
    Type.Enum(['comma', 'point'], {
      description: 'CSV only: decimal mark of amounts. Default comma with ";", point otherwise',
    }),
  ),
  dates: Type.Optional(
    Type.Enum(['iso', 'local'], {
      description:
        'CSV only: iso (UTC, 2026-03-01T09:30:00.000Z) or local (business time zone, 2026-03-01 10:30:00). Default local',
    }),
  ),
  lang: Type.Optional(
    Type.Enum(['fr', 'en'], { description: 'Column titles and status names. Default fr' }),
  ),
};

const strip = <T extends Record<string, unknown>>(props: T) => {
  const {
    limit: _limit,
    cursor: _cursor,
    ...rest
  } = props as T & {
    limit?: unknown;
    cursor?: unknown;
  };
  return rest;
};

export const OrdersExportQuery = Type.Object(
  {
    ...orderFilterFields,
    sort: Type.Optional(
      Type.Enum(
        ORDER_SORTS.filter((s) => s.endsWith('createdAt')),
        {
          description: 'Default -createdAt (newest first)',
        },
      ),
    ),
    ...exportOptionFields,
  },
  { additionalProperties: false, description: 'The filters of the orders list' },
);
export type OrdersExportQuery = Static<typeof OrdersExportQuery>;

export const ClientsExportQuery = Type.Object(
  { ...strip(ClientsListQuery.properties), ...exportOptionFields },
  { additionalProperties: false, description: 'The filters of the clients list' },
);
export type ClientsExportQuery = Static<typeof ClientsExportQuery>;

export const ProductsExportQuery = Type.Object(
  { ...strip(ProductsListQuery.properties), ...exportOptionFields },
  { additionalProperties: false, description: 'The filters of the products list' },
);
export type ProductsExportQuery = Static<typeof ProductsExportQuery>;

export const NotificationsExportQuery = Type.Object(
  { ...strip(NotificationsListQuery.properties), ...exportOptionFields },
  { additionalProperties: false, description: 'The filters of the email history' },
);
export type NotificationsExportQuery = Static<typeof NotificationsExportQuery>;

export const StockMovementsExportQuery = Type.Object(
  {
    productId: Type.Optional(Id),
    kind: Type.Optional(Type.Enum([...STOCK_MOVEMENT_KINDS])),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    ...exportOptionFields,
  },
  { additionalProperties: false },
);
export type StockMovementsExportQuery = Static<typeof StockMovementsExportQuery>;

export const ReportExportQuery = Type.Object(
  { ...ReportSpec.properties, ...exportOptionFields },
  {
    additionalProperties: false,
    description: 'A report spec (as /reports/aggregate) + file options',
  },
);
export type ReportExportQuery = Static<typeof ReportExportQuery>;

/** Up to ~1.4 MB of PNG: the route accepts bodies up to 2 MB. */
export const MAX_CHART_DATA_URL = 2_000_000;

export const ReportPdfBody = Type.Object(
  {
    spec: ReportSpec,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    chart: Type.Optional(
      Type.String({
        maxLength: MAX_CHART_DATA_URL,
        pattern: '^data:image/png;base64,[A-Za-z0-9+/=]+$',
        description: 'The chart as drawn by the SPA: a PNG data URL',
      }),
    ),
    lang: Type.Optional(Type.Enum(['fr', 'en'])),
  },
  { additionalProperties: false },
);
export type ReportPdfBody = Static<typeof ReportPdfBody>;
