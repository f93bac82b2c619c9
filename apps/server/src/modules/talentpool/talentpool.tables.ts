import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

/**
 * 名片: one per seeker. The summary columns are copied from the resume whenever it is saved
 * or the card is pushed, so the pool can filter and page without reading resumes.
 */
export const talentCards = pgTable(
  'talent_cards',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['private', 'pooled', 'withdrawn'] })
      .notNull()
      .default('private'),
    name: text('name').notNull().default(''),
    birthDate: text('birth_date'),
    city: text('city').notNull().default(''),
    educationLevel: text('education_level'),
    certificationDomains: text('certification_domains').array().notNull().default([]),
    positionLevel: text('position_level').notNull().default(''),
    intention: text('intention').notNull().default(''),
    phone: text('phone'),
    email: text('email'),
    pushedAt: timestampTz('pushed_at'),
    createdAt: createdAt(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('talent_cards_account_key').on(t.accountId),
    index('talent_cards_pool_idx')
      .on(t.city, t.positionLevel)
      .where(sql`${t.status} = 'pooled'`),
  ],
);

/** A share link of a card; the seeker chose whether contacts show. */
export const cardShares = pgTable('card_shares', {
  token: text('token').primaryKey(),
  cardId: uuid('card_id')
    .notNull()
    .references(() => talentCards.id, { onDelete: 'cascade' }),
  showContact: boolean('show_contact').notNull(),
  createdAt: createdAt(),
  revokedAt: timestampTz('revoked_at'),
});

/** 查看联系方式: at most one per (organization, card) — the second reveal is free. */
export const contactReveals = pgTable(
  'contact_reveals',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    cardId: uuid('card_id')
      .notNull()
      .references(() => talentCards.id, { onDelete: 'cascade' }),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    points: integer('points').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contact_reveals_org_card_key').on(t.organizationId, t.cardId)],
);

/** 人才查看记录: which cards an organization opened, how often, and when last. */
export const cardViews = pgTable(
  'card_views',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    cardId: uuid('card_id')
      .notNull()
      .references(() => talentCards.id, { onDelete: 'cascade' }),
    viewCount: integer('view_count').notNull().default(1),
    firstViewedAt: createdAt(),
    lastViewedAt: timestampTz('last_viewed_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('card_views_org_card_key').on(t.organizationId, t.cardId),
    index('card_views_org_last_idx').on(t.organizationId, t.lastViewedAt),
  ],
);
