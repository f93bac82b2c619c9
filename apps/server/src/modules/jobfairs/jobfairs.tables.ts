import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { organizations } from '../organizations/organizations.tables.ts';

export const jobFairs = pgTable(
  'job_fairs',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    type: text('type', { enum: ['online', 'offline'] }).notNull(),
    startsAt: timestampTz('starts_at').notNull(),
    endsAt: timestampTz('ends_at').notNull(),
    city: text('city').notNull(),
    district: text('district'),
    address: text('address').notNull(),
    introduction: text('introduction').notNull().default(''),
    invitation: text('invitation').notNull().default(''),
    status: text('status', { enum: ['draft', 'published', 'closed'] })
      .notNull()
      .default('draft'),
    views: integer('views').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('job_fairs_school_idx').on(t.schoolId)],
);
