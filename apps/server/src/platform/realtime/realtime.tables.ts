import { bigserial, customType, pgTable } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Large packets of `@socket.io/postgres-adapter` (NOTIFY payloads are limited to 8 kB). */
export const socketIoAttachments = pgTable('socket_io_attachments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  createdAt: createdAt(),
  payload: bytea('payload'),
});
