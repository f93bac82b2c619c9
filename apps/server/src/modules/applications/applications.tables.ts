import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';
import { jobFairs } from '../jobfairs/jobfairs.tables.ts';
import { resumeAttachments } from '../resumes/resumes.tables.ts';

/**
 * 应聘: a seeker's application to one posting, optionally from a fair. The status column is
 * written only by `transitionApplication` (applications.workflow.ts).
 */
export const applications = pgTable(
  'applications',
  {
    id: id(),
    seekerAccountId: uuid('seeker_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobPostings.id),
    /** the posting's organization, copied so employer lists need no join */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    fairId: uuid('fair_id').references(() => jobFairs.id),
    attachmentId: uuid('attachment_id').references(() => resumeAttachments.id),
    status: text('status', {
      enum: ['submitted', 'viewed', 'invited', 'voided', 'withdrawn'],
    })
      .notNull()
      .default('submitted'),
    mark: text('mark', { enum: ['qualified', 'eliminated', 'undecided'] }),
    /** the online resume as it was sent */
    resumeSnapshot: jsonb('resume_snapshot').$type<Record<string, unknown>>().notNull(),
    /** the seeker agreed to share the resume with this employer by applying */
    consentAt: timestampTz('consent_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
    withdrawnAt: timestampTz('withdrawn_at'),
  },
  (t) => [
    uniqueIndex('applications_one_current_per_job_key')
      .on(t.seekerAccountId, t.jobId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index('applications_seeker_idx').on(t.seekerAccountId, t.status),
    index('applications_org_job_idx').on(t.organizationId, t.jobId, t.createdAt),
    index('applications_fair_idx').on(t.fairId),
  ],
);
