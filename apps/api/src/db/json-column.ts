import { customType } from 'drizzle-orm/mysql-core';

/**
 * JSON that always reads back as a value on MariaDB and MySQL. The pool is
 * opened with `jsonStrings: true`, so the driver always hands us text and we
 * parse exactly once (never "parse if it is a string").
 */
export const json = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'json',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => JSON.parse(value) as T,
  })(name);
