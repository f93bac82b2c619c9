import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ComplianceFlag } from '@hirehall/shared/jobs';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

/** Written as `array_to_tsvector(text[])` from TypeScript-computed bigrams (jobs.search.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** 职位 / 岗位: a posting by a company or a certification institution. */
export const jobPostings = pgTable(
  'job_postings',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: uuid('created_by').references(() => accounts.id),
    status: text('status', {
      enum: ['draft', 'in_review', 'published', 'paused', 'closed', 'returned'],
    })
      .notNull()
      .default('draft'),
    version: integer('version').notNull().default(1),
    title: text('title').notNull().default(''),
    occupation: text('occupation').notNull().default(''),
    description: text('description').notNull().default(''),
    skills: text('skills').notNull().default(''),
    salaryMin: integer('salary_min'),
    salaryMax: integer('salary_max'),
    education: text('education'),
    ageMin: integer('age_min'),
    ageMax: integer('age_max'),
    employmentType: text('employment_type'),
    district: text('district'),
    region: text('region'),
    headcount: integer('headcount'),
    probationMonths: integer('probation_months'),
    probationSalary: integer('probation_salary'),
    certificationDomain: text('certification_domain'),
    positionType: text('position_type'),
    positionLevel: text('position_level'),
    complianceFlags: jsonb('compliance_flags').$type<ComplianceFlag[]>().notNull().default([]),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by').references(() => accounts.id),
    reviewedAt: timestampTz('reviewed_at'),
    searchVector: tsvector('search_vector')
      .notNull()
      .default(sql`''::tsvector`),
    publishedAt: timestampTz('published_at'),
    closedAt: timestampTz('closed_at'),
    /** deletion hides the posting everywhere; the row stays for the retention period */
    deletedAt: timestampTz('deleted_at'),
    createdAt: createdAt(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('job_postings_org_idx').on(t.organizationId),
    index('job_postings_search_idx').using('gin', t.searchVector),
    index('job_postings_live_newest_idx')
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'published' and deleted_at is null`),
    index('job_postings_live_salary_idx')
      .on(t.salaryMax.desc().nullsLast(), t.id.desc())
      .where(sql`status = 'published' and deleted_at is null`),
    index('job_postings_review_idx')
      .on(t.status)
      .where(sql`status = 'in_review' and deleted_at is null`),
  ],
);

/** 收藏: at most 10 per seeker (seed 004 §7). */
export const jobFavorites = pgTable(
  'job_favorites',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobPostings.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.jobId] }),
    index('job_favorites_job_idx').on(t.jobId),
  ],
);

/** 轮播图: banners above the job list, managed by the platform admin. */
export const banners = pgTable('banners', {
  id: id(),
  title: text('title').notNull(),
  imageUrl: text('image_url'),
  linkUrl: text('link_url'),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
});
