import { customType } from 'drizzle-orm/pg-core';

/** A column of bytes (PostgreSQL `bytea`), read and written as a Buffer: images and documents kept in the database. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
