import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';

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
    /** sanitized HTML (sanitize-html) */
    introduction: text('introduction').notNull().default(''),
    invitation: text('invitation').notNull().default(''),
    status: text('status', { enum: ['draft', 'published', 'closed'] })
      .notNull()
      .default('draft'),
    views: integer('views').notNull().default(0),
    createdBy: uuid('created_by').references(() => accounts.id),
    publishedAt: timestampTz('published_at'),
    closedAt: timestampTz('closed_at'),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index('job_fairs_school_idx').on(t.schoolId)],
);

/** 单位报名参加: an employer's sign-up for one fair, reviewed by the fair's school. */
export const fairSignups = pgTable(
  'fair_signups',
  {
    id: id(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => jobFairs.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    note: text('note'),
    reason: text('reason'),
    reviewedBy: uuid('reviewed_by').references(() => accounts.id),
    reviewedAt: timestampTz('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('fair_signups_fair_employer_key').on(t.fairId, t.employerId),
    index('fair_signups_employer_idx').on(t.employerId),
  ],
);

/** The postings an approved employer chose to show at a fair. */
export const fairJobs = pgTable(
  'fair_jobs',
  {
    fairId: uuid('fair_id')
      .notNull()
      .references(() => jobFairs.id),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobPostings.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => organizations.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.fairId, t.jobId] }), index('fair_jobs_job_idx').on(t.jobId)],
);
