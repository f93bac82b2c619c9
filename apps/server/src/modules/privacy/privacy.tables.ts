import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';

/**
 * Separate consents (PIPL art. 23): sharing a resume with an employer, revealing contact
 * details to an organization that pays points. `organizationId` null = a standing consent.
 */
export const consents = pgTable(
  'consents',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['resume_share', 'contact_reveal'] }).notNull(),
    organizationId: uuid('organization_id'),
    /** the application, card or other record the consent was given for */
    reference: text('reference'),
    /** the wording the person agreed to */
    statement: text('statement').notNull(),
    grantedAt: createdAt(),
    withdrawnAt: timestampTz('withdrawn_at'),
  },
  (t) => [
    index('consents_account_idx').on(t.accountId, t.purpose),
    uniqueIndex('consents_standing_key')
      .on(t.accountId, t.purpose)
      .where(
        sql`${t.organizationId} is null and ${t.reference} is null and ${t.withdrawnAt} is null`,
      ),
  ],
);

/**
 * A seeker's deletion: personal data is removed at once; de-identified recruitment records
 * stay until `purgeAfter` (3 years), when the retention job removes them and the account.
 * No foreign key: the row outlives the account it describes.
 */
export const dataDeletions = pgTable(
  'data_deletions',
  {
    accountId: uuid('account_id').primaryKey(),
    requestedAt: createdAt(),
    completedAt: timestampTz('completed_at'),
    purgeAfter: timestampTz('purge_after').notNull(),
    purgedAt: timestampTz('purged_at'),
  },
  (t) => [
    index('data_deletions_due_idx')
      .on(t.purgeAfter)
      .where(sql`${t.purgedAt} is null`),
  ],
);
