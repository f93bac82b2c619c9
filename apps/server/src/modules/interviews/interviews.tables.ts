import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { applications } from '../applications/applications.tables.ts';

/**
 * 面试邀约: one invitation on one application. The status column is written only by
 * `transitionInterview` (interviews.workflow.ts); at most one open invitation per application.
 */
export const interviews = pgTable(
  'interviews',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** copied from the application so the employer's queue needs no join */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    seekerAccountId: uuid('seeker_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id').notNull(),
    status: text('status', {
      enum: ['invited', 'attending', 'confirmed', 'declined', 'cancelled', 'done'],
    })
      .notNull()
      .default('invited'),
    startsAt: timestampTz('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(30),
    mode: text('mode', { enum: ['video', 'onsite'] }).notNull(),
    place: text('place').notNull().default(''),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    notes: text('notes').notNull().default(''),
    result: text('result', { enum: ['suitable', 'unsuitable', 'undecided'] }),
    resultNotes: text('result_notes'),
    /** when the seeker last opened the notice; older than updated_at → 面试通知 NEW */
    seenAt: timestampTz('seen_at'),
    /**
     * SEQUENCE of the interview's iCalendar event: null until the employer first confirms (no
     * calendar was issued); then 0, and one more at every later change, so a reschedule or
     * cancellation supersedes the copy already in the seeker's calendar.
     */
    calendarSequence: integer('calendar_sequence'),
    invitedBy: uuid('invited_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('interviews_one_open_per_application_key')
      .on(t.applicationId)
      .where(sql`${t.status} in ('invited', 'attending', 'confirmed')`),
    index('interviews_org_starts_idx').on(t.organizationId, t.startsAt),
    index('interviews_seeker_starts_idx').on(t.seekerAccountId, t.startsAt),
    check('interviews_duration_check', sql`${t.durationMinutes} between 5 and 480`),
  ],
);

/** One call attempt of a video interview; interrupted rows are the recorded interruptions. */
export const interviewCalls = pgTable(
  'interview_calls',
  {
    id: id(),
    interviewId: uuid('interview_id')
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    status: text('status', {
      enum: ['ringing', 'connected', 'ended', 'declined', 'missed', 'interrupted'],
    })
      .notNull()
      .default('ringing'),
    startedBy: uuid('started_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    answeredAt: timestampTz('answered_at'),
    endedAt: timestampTz('ended_at'),
  },
  (t) => [
    index('interview_calls_interview_idx').on(t.interviewId, t.createdAt),
    uniqueIndex('interview_calls_one_active_key')
      .on(t.interviewId)
      .where(sql`${t.status} in ('ringing', 'connected')`),
  ],
);

/**
 * Scheduled work of the interviews module (reminders, the calendar email): a due table that
 * every server process polls with `FOR UPDATE SKIP LOCKED`, so each job runs once.
 */
export const interviewJobs = pgTable(
  'interview_jobs',
  {
    id: id(),
    interviewId: uuid('interview_id')
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['reminder', 'calendar_mail'] }).notNull(),
    dueAt: timestampTz('due_at').notNull(),
    status: text('status', { enum: ['pending', 'done', 'cancelled', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestampTz('lease_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('interview_jobs_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
