import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AgreementTerms, ClauseKey, EmployerSnapshot } from '@hirehall/shared/agreements';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { graduateRecords, organizations } from '../organizations/organizations.tables.ts';
import { files } from '../../platform/storage/files.tables.ts';

/**
 * What the signed agreement says about the graduate and the school, frozen by the school
 * approval: a later re-import of the graduate's record does not change the printed PDF or its
 * fingerprint.
 */
export interface SignedPartiesSnapshot {
  schoolName: string;
  graduate: {
    studentNumber: string;
    name: string;
    idNumber: string;
    gender: 'male' | 'female' | null;
    collegeName: string | null;
    major: string | null;
    degree: string | null;
  };
}

/** One offer from an employer to a graduate; once accepted, the three-party agreement. */
export const agreements = pgTable(
  'agreements',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id),
    graduationYear: integer('graduation_year').notNull(),
    graduateRecordId: uuid('graduate_record_id')
      .notNull()
      .references(() => graduateRecords.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    status: text('status', {
      enum: [
        'draft',
        'sent',
        'accepted',
        'rejected',
        'expired',
        'superseded',
        'terminated',
        'discarded',
      ],
    })
      .notNull()
      .default('draft'),
    reviewStatus: text('review_status', {
      enum: ['college_pending', 'school_pending', 'approved', 'returned'],
    }),
    terms: jsonb('terms').$type<AgreementTerms>().notNull(),
    confirmedClauses: jsonb('confirmed_clauses').$type<ClauseKey[]>().notNull().default([]),
    employerSnapshot: jsonb('employer_snapshot').$type<EmployerSnapshot>().notNull(),
    /** set at signing (school approval); null before */
    partiesSnapshot: jsonb('parties_snapshot').$type<SignedPartiesSnapshot>(),
    deadlineAt: timestampTz('deadline_at'),
    sentAt: timestampTz('sent_at'),
    answeredAt: timestampTz('answered_at'),
    responseReason: text('response_reason'),
    returnReason: text('return_reason'),
    agreementNumber: text('agreement_number'),
    verificationCode: text('verification_code'),
    contentSha256: text('content_sha256'),
    signedAt: timestampTz('signed_at'),
    createdAt: createdAt(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    /**
     * one binding agreement per graduate: the lock that decides concurrent accepts. An
     * agreement a review returned keeps binding the graduate while the employer amends and
     * resends it (docs/agreement-returns.md).
     */
    uniqueIndex('agreements_one_binding_per_graduate')
      .on(t.graduateRecordId)
      .where(
        sql`${t.status} = 'accepted' or (${t.status} in ('draft', 'sent') and ${t.reviewStatus} = 'returned')`,
      ),
    /** one open offer per employer and graduate */
    uniqueIndex('agreements_one_open_offer_per_pair')
      .on(t.employerId, t.graduateRecordId)
      .where(sql`${t.status} in ('draft', 'sent')`),
    uniqueIndex('agreements_school_number_key')
      .on(t.schoolId, t.agreementNumber)
      .where(sql`${t.agreementNumber} is not null`),
    uniqueIndex('agreements_verification_code_key')
      .on(t.verificationCode)
      .where(sql`${t.verificationCode} is not null`),
    index('agreements_employer_idx').on(t.employerId, t.schoolId, t.graduationYear),
    index('agreements_school_idx').on(t.schoolId, t.graduationYear, t.status),
    index('agreements_deadline_idx')
      .on(t.deadlineAt)
      .where(sql`${t.status} = 'sent'`),
    check(
      'agreements_review_only_when_accepted',
      sql`${t.reviewStatus} is null or ${t.reviewStatus} = 'returned' or ${t.status} in ('accepted', 'terminated')`,
    ),
  ],
);

/** Each college or school review decision, kept for the printed agreement. */
export const agreementReviews = pgTable(
  'agreement_reviews',
  {
    id: id(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    stage: text('stage', { enum: ['college', 'school'] }).notNull(),
    decision: text('decision', { enum: ['approved', 'returned'] }).notNull(),
    reason: text('reason'),
    reviewerAccountId: uuid('reviewer_account_id')
      .notNull()
      .references(() => accounts.id),
    reviewerName: text('reviewer_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('agreement_reviews_agreement_idx').on(t.agreementId)],
);

/** Agreement numbers: one counter row per school and year, bumped in the approval transaction. */
export const agreementCounters = pgTable(
  'agreement_counters',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id),
    graduationYear: integer('graduation_year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.graduationYear] })],
);

/** 解约: requested by one party with a letter, confirmed by the other, reviewed by the school. */
export const agreementTerminations = pgTable(
  'agreement_terminations',
  {
    id: id(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    initiatedBy: text('initiated_by', { enum: ['graduate', 'employer'] }).notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => accounts.id),
    reason: text('reason').notNull(),
    letterFileId: uuid('letter_file_id')
      .notNull()
      .references(() => files.id),
    status: text('status', {
      enum: ['requested', 'consented', 'approved', 'rejected', 'withdrawn', 'refused'],
    })
      .notNull()
      .default('requested'),
    responseReason: text('response_reason'),
    respondedBy: uuid('responded_by').references(() => accounts.id),
    consentedAt: timestampTz('consented_at'),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by').references(() => accounts.id),
    reviewedAt: timestampTz('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agreement_terminations_one_open')
      .on(t.agreementId)
      .where(sql`${t.status} in ('requested', 'consented')`),
  ],
);

/** Replayed requests (same Idempotency-Key) answer with the first response. */
export const agreementRequestKeys = pgTable(
  'agreement_request_keys',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    route: text('route').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);

/** What reached the provincial platform: one row per agreement and reported state. */
export const provincialReportDeliveries = pgTable(
  'provincial_report_deliveries',
  {
    idempotencyKey: text('idempotency_key').primaryKey(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    reportedStatus: text('reported_status', { enum: ['signed', 'terminated'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    deliveredAt: timestampTz('delivered_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('provincial_report_deliveries_agreement_idx').on(t.agreementId)],
);

/**
 * 一键上报 runs as a background job: one row per push with its progress. At most one running
 * push per school (partial unique index), so two clicks or two processes cannot push at once.
 */
export const provincialPushJobs = pgTable(
  'provincial_push_jobs',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id),
    graduationYear: integer('graduation_year').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => accounts.id),
    status: text('status', { enum: ['running', 'done', 'failed'] })
      .notNull()
      .default('running'),
    total: integer('total').notNull().default(0),
    delivered: integer('delivered').notNull().default(0),
    alreadyDelivered: integer('already_delivered').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    errors: jsonb('errors')
      .$type<{ agreementNumber: string; message: string }[]>()
      .notNull()
      .default([]),
    message: text('message'),
    heartbeatAt: timestampTz('heartbeat_at').notNull().defaultNow(),
    createdAt: createdAt(),
    finishedAt: timestampTz('finished_at'),
  },
  (t) => [
    uniqueIndex('provincial_push_jobs_one_running')
      .on(t.schoolId)
      .where(sql`${t.status} = 'running'`),
    index('provincial_push_jobs_school_idx').on(t.schoolId, t.createdAt),
  ],
);
