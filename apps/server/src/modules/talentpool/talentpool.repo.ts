import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { PoolQuery } from '@hirehall/shared/talentpool';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { pointsLedger } from '../organizations/organizations.tables.ts';
import { cardShares, cardViews, contactReveals, talentCards } from './talentpool.tables.ts';
import type { CardRow } from './talentpool.cards.ts';

export async function findPooledCard(q: Queryable, cardId: string): Promise<CardRow | null> {
  const [row] = await q
    .select()
    .from(talentCards)
    .where(and(eq(talentCards.id, cardId), eq(talentCards.status, 'pooled')));
  return row ?? null;
}

/** Card status writes: `UPDATE … WHERE status = from`; false when it had moved. */
export async function updateCardStatus(
  q: Queryable,
  cardId: string,
  from: CardRow['status'],
  to: CardRow['status'],
): Promise<boolean> {
  const rows = await q
    .update(talentCards)
    .set({
      status: to,
      updatedAt: new Date(),
      ...(to === 'pooled' ? { pushedAt: new Date() } : {}),
    })
    .where(and(eq(talentCards.id, cardId), eq(talentCards.status, from)))
    .returning({ id: talentCards.id });
  return rows.length === 1;
}

function poolFilter(query: PoolQuery): SQL {
  const parts: SQL[] = [sql`c.status = 'pooled'`];
  if (query.region)
    parts.push(sql`(c.city = ${query.region} or c.city like ${query.region + '%'})`);
  if (query.positionLevel) parts.push(sql`c.position_level = ${query.positionLevel}`);
  if (query.certificationDomain) {
    parts.push(sql`${query.certificationDomain} = any(c.certification_domains)`);
  }
  return sql.join(parts, sql` and `);
}

export interface PoolRow extends CardRow {
  revealed: boolean;
}

function fromRaw(r: Record<string, unknown>): PoolRow {
  return {
    id: r.id as string,
    accountId: r.account_id as string,
    status: r.status as CardRow['status'],
    name: r.name as string,
    birthDate: (r.birth_date as string | null) ?? null,
    city: r.city as string,
    educationLevel: (r.education_level as string | null) ?? null,
    certificationDomains: (r.certification_domains as string[]) ?? [],
    positionLevel: r.position_level as string,
    intention: r.intention as string,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    pushedAt: r.pushed_at ? new Date(r.pushed_at as string) : null,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    revealed: Boolean(r.revealed),
  };
}

export async function findPoolPage(
  q: Queryable,
  organizationId: string,
  query: PoolQuery,
): Promise<{ rows: PoolRow[]; total: number }> {
  const where = poolFilter(query);
  const [count] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from talent_cards c where ${where}`,
  );
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`select c.*, (r.id is not null) as revealed
        from talent_cards c
        left join contact_reveals r on r.card_id = c.id and r.organization_id = ${organizationId}
        where ${where}
        order by c.pushed_at desc nulls last, c.id
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return { rows: rows.map(fromRaw), total: count?.n ?? 0 };
}

export async function hasRevealed(q: Queryable, organizationId: string, cardId: string) {
  const [row] = await q
    .select({ id: contactReveals.id })
    .from(contactReveals)
    .where(
      and(eq(contactReveals.organizationId, organizationId), eq(contactReveals.cardId, cardId)),
    );
  return Boolean(row);
}

export async function recordCardView(q: Queryable, organizationId: string, cardId: string) {
  await q
    .insert(cardViews)
    .values({ organizationId, cardId })
    .onConflictDoUpdate({
      target: [cardViews.organizationId, cardViews.cardId],
      set: { viewCount: sql`${cardViews.viewCount} + 1`, lastViewedAt: new Date() },
    });
}

export async function findViewRecords(
  q: Queryable,
  organizationId: string,
  paging: { page: number; pageSize: number },
) {
  const [count] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from card_views v
        join talent_cards c on c.id = v.card_id
        where v.organization_id = ${organizationId}`,
  );
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`select c.*, (r.id is not null) as revealed, v.view_count, v.last_viewed_at
        from card_views v
        join talent_cards c on c.id = v.card_id
        left join contact_reveals r on r.card_id = c.id and r.organization_id = v.organization_id
        where v.organization_id = ${organizationId}
        order by v.last_viewed_at desc, v.card_id desc
        limit ${paging.pageSize} offset ${(paging.page - 1) * paging.pageSize}`,
  );
  const items = rows.map((r) => ({
    card: fromRaw(r),
    viewCount: Number(r.view_count),
    lastViewedAt: new Date(r.last_viewed_at as string),
  }));
  return { items, total: count?.n ?? 0 };
}

/** Serializes every points change of one organization for the rest of the transaction. */
export async function lockOrganizationPoints(q: Queryable, organizationId: string) {
  await queryRows(q, sql`select id from organizations where id = ${organizationId} for update`);
}

export async function pointsBalance(q: Queryable, organizationId: string): Promise<number> {
  const [row] = await q
    .select({ balance: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)::int` })
    .from(pointsLedger)
    .where(eq(pointsLedger.organizationId, organizationId));
  return row?.balance ?? 0;
}

/** Inserts the reveal; false when this organization had revealed the card already. */
export async function insertReveal(
  q: Queryable,
  input: { organizationId: string; cardId: string; actorAccountId: string; points: number },
): Promise<boolean> {
  const rows = await q
    .insert(contactReveals)
    .values(input)
    .onConflictDoNothing()
    .returning({ id: contactReveals.id });
  return rows.length === 1;
}

export async function insertLedgerEntry(
  q: Queryable,
  entry: {
    organizationId: string;
    delta: number;
    reason: string;
    reference: string | null;
    actorAccountId: string | null;
  },
) {
  await q.insert(pointsLedger).values(entry);
}

/**
 * Newest first; `before` an entry id for the older page (members' cursor) or `offset` entries
 * skipped (the admin's page numbers); `limit` rows at most.
 */
export async function findLedgerEntries(
  q: Queryable,
  organizationId: string,
  paging: { before?: number; offset?: number; limit: number },
) {
  return q
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.organizationId, organizationId),
        paging.before === undefined ? undefined : lt(pointsLedger.id, paging.before),
      ),
    )
    .orderBy(desc(pointsLedger.id))
    .limit(paging.limit)
    .offset(paging.offset ?? 0);
}

export async function countLedgerEntries(q: Queryable, organizationId: string): Promise<number> {
  const [row] = await q
    .select({ total: sql<number>`count(*)::int` })
    .from(pointsLedger)
    .where(eq(pointsLedger.organizationId, organizationId));
  return row?.total ?? 0;
}

export async function findShares(q: Queryable, cardId: string) {
  return q
    .select()
    .from(cardShares)
    .where(and(eq(cardShares.cardId, cardId), sql`${cardShares.revokedAt} is null`))
    .orderBy(desc(cardShares.createdAt));
}

export async function insertShare(
  q: Queryable,
  token: string,
  cardId: string,
  showContact: boolean,
) {
  const [row] = await q.insert(cardShares).values({ token, cardId, showContact }).returning();
  return row!;
}

export async function revokeShare(q: Queryable, token: string, cardId: string) {
  const rows = await q
    .update(cardShares)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(cardShares.token, token),
        eq(cardShares.cardId, cardId),
        sql`${cardShares.revokedAt} is null`,
      ),
    )
    .returning({ token: cardShares.token });
  return rows.length === 1;
}

export async function findSharedCard(q: Queryable, token: string) {
  const [row] = await q
    .select({ card: talentCards, showContact: cardShares.showContact })
    .from(cardShares)
    .innerJoin(talentCards, eq(talentCards.id, cardShares.cardId))
    .where(and(eq(cardShares.token, token), sql`${cardShares.revokedAt} is null`));
  return row ?? null;
}
