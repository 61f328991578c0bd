import Type, { type Static } from 'typebox';

export const Health = Type.Object({ status: Type.Literal('ok'), uptime: Type.Number() });
export const Readiness = Type.Object({
  status: Type.Enum(['ready', 'not_ready']),
  database: Type.Enum(['up', 'down']),
  migrations: Type.Enum(['applied', 'pending', 'unknown']),
});
export type Readiness = Static<typeof Readiness>;
