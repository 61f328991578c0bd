import Type, { type Static, type TSchema, type TUnsafe } from 'typebox';

/**
 * `T | null` as `type: [T, "null"]` rather than `anyOf`: the same JSON Schema
 * meaning (OpenAPI 3.1), but fast-json-stringify serialises it without running a
 * validator per value to pick the branch, which `anyOf` makes it do.
 */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type, ...rest } = schema as unknown as { type?: unknown } & Record<string, unknown>;
  if (typeof type !== 'string')
    return Type.Unsafe<Static<T> | null>({ anyOf: [schema, { type: 'null' }] });
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
}
import { ErrorCode } from './errors.ts';

export const Id = Type.Integer({ minimum: 1, description: 'Numeric identifier' });
export const Timestamp = Type.String({
  format: 'date-time',
  description: 'UTC, ISO 8601 with milliseconds',
  examples: ['2026-11-22T10:00:00.000Z'],
});
export const NullableTimestamp = Nullable(Timestamp);
export const Version = Type.Integer({
  minimum: 1,
  description: 'Optimistic concurrency version; send back the one you read',
});

export const IdParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type IdParams = Static<typeof IdParams>;

export type ValidationIssue = Static<typeof ValidationIssue>;
export const ValidationIssue = Type.Object({
  path: Type.String({ description: 'JSON pointer of the offending field, e.g. /email' }),
  message: Type.String(),
});

/** RFC 9457 problem details, with a stable `code`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.Enum(Object.values(ErrorCode)),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(ValidationIssue)),
    shortages: Type.Optional(
      Type.Array(
        Type.Object({
          productId: Type.Integer(),
          sku: Type.String(),
          requested: Type.Integer(),
          available: Type.Integer(),
        }),
        { description: 'On INSUFFICIENT_STOCK: each short product and what is left' },
      ),
    ),
    allowed: Type.Optional(
      Type.Array(Type.String(), {
        description: 'On ILLEGAL_TRANSITION: the statuses the order may move to now',
      }),
    ),
    existingId: Type.Optional(
      Type.Integer({ description: 'On 409 duplicates: the existing record' }),
    ),
  },
  { $id: 'Problem', description: 'application/problem+json (RFC 9457)' },
);
export type Problem = Static<typeof Problem>;

export const ListQueryBase = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(
    Type.String({ maxLength: 512, description: 'Opaque keyset cursor from nextCursor' }),
  ),
};

export const Total = Type.Union([Type.Integer({ minimum: 0 }), Type.Literal('10000+')], {
  description: 'Exact below 10,000, "10000+" beyond',
});

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String()),
    total: Total,
  });
}
export type Page<T> = { items: T[]; nextCursor: string | null; total: number | '10000+' };

/**
 * A total the API counts within a time budget (the orders list and its status tabs): exact below
 * 10,000, "10000+" beyond, `null` when counting would have cost more than the budget (filters
 * whose matches are sparse: the page is still exact, only its total is unknown).
 */
export const CountedTotal = Type.Union(
  [Type.Integer({ minimum: 0 }), Type.Literal('10000+'), Type.Null()],
  {
    description:
      'Exact below 10,000, "10000+" beyond, null when not counted (too costly for this filter)',
  },
);
export type CountedTotal = number | '10000+' | null;

export function CountedPage<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String()),
    total: CountedTotal,
  });
}
export type CountedPage<T> = { items: T[]; nextCursor: string | null; total: CountedTotal };

export const Locale = Type.Enum(['fr', 'en'], { description: 'UI language' });
export type Locale = Static<typeof Locale>;
export const LOCALES = ['fr', 'en'] as const;
