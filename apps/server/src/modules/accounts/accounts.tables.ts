import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';

/** One row per person or staff member who signs in. */
export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    role: text('role', {
      enum: ['seeker', 'employer', 'institution', 'school', 'college', 'admin'],
    }).notNull(),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestampTz('locked_until'),
    passwordChangedAt: timestampTz('password_changed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('accounts_phone_key')
      .on(t.phone)
      .where(sql`${t.phone} is not null`),
  ],
);

/**
 * Every way to name an account at sign-in: ID number, permit number, generated account,
 * phone, student number (`<schoolId>:<studentNumber>`), credit code, organization name,
 * staff user name. Values are stored normalized (upper case, trimmed).
 */
export const signInIdentifiers = pgTable(
  'sign_in_identifiers',
  {
    kind: text('kind', {
      enum: [
        'id_number',
        'permit',
        'generated',
        'phone',
        'student_number',
        'credit_code',
        'org_name',
        'username',
      ],
    }).notNull(),
    value: text('value').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sign_in_identifiers_kind_value_key').on(t.kind, t.value),
    index('sign_in_identifiers_account_idx').on(t.accountId),
  ],
);

/** The public seeker's real-name profile (seed 004 §1). */
export const seekerProfiles = pgTable('seeker_profiles', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  documentKind: text('document_kind', { enum: ['id_card', 'permit', 'none'] }).notNull(),
  idNumber: text('id_number'),
  gender: text('gender', { enum: ['male', 'female'] }),
  birthDate: text('birth_date'),
  verificationMethod: text('verification_method', { enum: ['bank_card', 'alipay', 'face'] }),
  verifiedAt: timestampTz('verified_at'),
  createdAt: createdAt(),
});

/** Server-side sessions: the cookie holds a random token, the row holds its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestampTz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestampTz('expires_at').notNull(),
    revokedAt: timestampTz('revoked_at'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** SMS verification codes: only the hash is kept; single use, 5-minute expiry. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: id(),
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text('ip'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestampTz('expires_at').notNull(),
    consumedAt: timestampTz('consumed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phone, t.createdAt)],
);

/** Image captchas, kept in the database so any server process can check them. */
export const captchas = pgTable('captchas', {
  id: id(),
  answerHash: text('answer_hash').notNull(),
  expiresAt: timestampTz('expires_at').notNull(),
  consumedAt: timestampTz('consumed_at'),
  createdAt: createdAt(),
});

/** Fixed-window counters shared by every server process (per-IP budgets, daily caps). */
export const rateCounters = pgTable('rate_counters', {
  key: text('key').primaryKey(),
  count: integer('count').notNull().default(0),
  windowEndsAt: timestampTz('window_ends_at').notNull(),
});

/** Development SMS provider: messages a person reads at /dev/outbox. */
export const devOutbox = pgTable('dev_outbox', {
  id: id(),
  channel: text('channel').notNull(),
  recipient: text('recipient').notNull(),
  content: text('content').notNull(),
  createdAt: createdAt(),
});
