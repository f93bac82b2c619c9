import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';

/** A company (employer), a certification institution or a school. */
export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    kind: text('kind', { enum: ['company', 'institution', 'school'] }).notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    creditCode: text('credit_code'),
    licenceFileId: uuid('licence_file_id'),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    address: text('address'),
    introduction: text('introduction'),
    industry: text('industry'),
    scale: text('scale'),
    website: text('website'),
    notificationChannel: text('notification_channel', {
      enum: ['in_app', 'email', 'sms', 'wechat'],
    }),
    /** school setting: employers may initiate agreement termination */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('organizations_kind_name_key').on(t.kind, t.name),
    uniqueIndex('organizations_credit_code_key')
      .on(t.creditCode)
      .where(sql`${t.creditCode} is not null`),
  ],
);

export const colleges = pgTable(
  'colleges',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('colleges_school_name_key').on(t.schoolId, t.name)],
);

/** Ties a staff account to its organization (and college, for college staff). */
export const memberships = pgTable(
  'memberships',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    collegeId: uuid('college_id').references(() => colleges.id),
    createdAt: createdAt(),
  },
  (t) => [index('memberships_org_idx').on(t.organizationId)],
);

/** An employer's access to one school for one graduation year (入驻). */
export const admissions = pgTable(
  'admissions',
  {
    id: id(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => organizations.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id),
    graduationYear: integer('graduation_year').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'suspended'] })
      .notNull()
      .default('pending'),
    note: text('note'),
    reason: text('reason'),
    reviewedBy: uuid('reviewed_by').references(() => accounts.id),
    reviewedAt: timestampTz('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('admissions_employer_school_year_key').on(
      t.employerId,
      t.schoolId,
      t.graduationYear,
    ),
    index('admissions_school_status_idx').on(t.schoolId, t.status),
  ],
);

/** Changed certification fields wait here; the old values stay in force until approved. */
export const certificationChanges = pgTable('certification_changes', {
  id: id(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  name: text('name').notNull(),
  creditCode: text('credit_code').notNull(),
  licenceFileId: uuid('licence_file_id'),
  status: text('status', { enum: ['pending', 'approved', 'rejected'] })
    .notNull()
    .default('pending'),
  reason: text('reason'),
  reviewedBy: uuid('reviewed_by').references(() => accounts.id),
  reviewedAt: timestampTz('reviewed_at'),
  createdAt: createdAt(),
});

/** 认证人员信息库: keyed by phone; bound when the person sets a password. */
export const personnelRegistry = pgTable('personnel_registry', {
  phone: text('phone').primaryKey(),
  name: text('name').notNull(),
  certificateNumber: text('certificate_number'),
  certificationDomain: text('certification_domain'),
  positionLevel: text('position_level'),
  region: text('region'),
  accountId: uuid('account_id').references(() => accounts.id),
  boundAt: timestampTz('bound_at'),
  importedAt: createdAt(),
});

/** 生源信息: a school's graduate list for one graduation year. */
export const graduateRecords = pgTable(
  'graduate_records',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id),
    collegeId: uuid('college_id').references(() => colleges.id),
    graduationYear: integer('graduation_year').notNull(),
    studentNumber: text('student_number').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    major: text('major'),
    degree: text('degree'),
    phone: text('phone'),
    status: text('status', { enum: ['imported', 'approved', 'rejected'] })
      .notNull()
      .default('imported'),
    reason: text('reason'),
    accountId: uuid('account_id').references(() => accounts.id),
    activatedAt: timestampTz('activated_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('graduate_records_school_student_key').on(t.schoolId, t.studentNumber),
    index('graduate_records_account_idx').on(t.accountId),
  ],
);

/** Points ledger: append-only; the balance is the sum of deltas. */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    reference: text('reference'),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('points_ledger_org_idx').on(t.organizationId)],
);
