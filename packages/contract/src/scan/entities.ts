import Type, { type Static } from 'typebox';
import { Client } from '../clients/entities.ts';
import { Id } from '../common/schemas.ts';
import { Order, OrderSummary } from '../orders/entities.ts';

/**
 * Flashcodes (decision 0013): a client QR encodes `PUBLIC_URL/s/c/<client code>`,
 * an order QR `PUBLIC_URL/s/o/<reference>`. They identify; opening one needs a login.
 */
export const SCAN_PATH = { client: '/s/c/', order: '/s/o/' } as const;

/** Statuses in which an order still has somewhere to go: what a client scan lists. */
export const OPEN_ORDER_STATUSES = ['pending', 'in_progress', 'shipped'] as const;

export const ScanResolveQuery = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 2048,
      description:
        'What the camera read (a Gestco flashcode URL) or what was typed (client code or order reference)',
    }),
  },
  { additionalProperties: false },
);
export type ScanResolveQuery = Static<typeof ScanResolveQuery>;

export const ScanOrderResult = Type.Object(
  { kind: Type.Literal('order'), order: Order },
  { additionalProperties: false },
);
export const ScanClientResult = Type.Object(
  {
    kind: Type.Literal('client'),
    client: Client,
    openOrders: Type.Array(OrderSummary, {
      description: 'Pending, in progress and shipped orders, oldest first (at most 50)',
    }),
  },
  { additionalProperties: false },
);
export const ScanResult = Type.Union([ScanOrderResult, ScanClientResult]);
export type ScanResult = Static<typeof ScanResult>;

export const QrImageQuery = Type.Object(
  {
    size: Type.Optional(
      Type.Integer({
        minimum: 64,
        maximum: 2048,
        description: 'PNG width in pixels (quiet zone included); default 512',
      }),
    ),
    download: Type.Optional(Type.Boolean({ description: 'Serve as an attachment' })),
  },
  { additionalProperties: false },
);
export type QrImageQuery = Static<typeof QrImageQuery>;

export const QR_LABELS_MAX = 200;

export const QrLabelsQuery = Type.Object(
  {
    ids: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9}){0,199}$',
        description: `Comma-separated client ids (at most ${QR_LABELS_MAX}); without it, active clients by name`,
      }),
    ),
    status: Type.Optional(Type.Enum(['current', 'prospect'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: QR_LABELS_MAX })),
  },
  { additionalProperties: false },
);
export type QrLabelsQuery = Static<typeof QrLabelsQuery>;

export const QrLabel = Type.Object(
  {
    clientId: Id,
    code: Type.String(),
    name: Type.String(),
    contactPerson: Type.Union([Type.String(), Type.Null()]),
    city: Type.Union([Type.String(), Type.Null()]),
    url: Type.String({ description: 'What the QR encodes' }),
    svg: Type.String({ description: 'The QR as an SVG document (level M, quiet zone 4)' }),
  },
  { additionalProperties: false },
);
export type QrLabel = Static<typeof QrLabel>;

export const QrLabels = Type.Object(
  {
    business: Type.Object({
      name: Type.String({ description: 'Printed on cards and labels (company settings)' }),
    }),
    items: Type.Array(QrLabel),
    skipped: Type.Array(Id, { description: 'Archived or unknown ids' }),
  },
  { additionalProperties: false },
);
export type QrLabels = Static<typeof QrLabels>;
