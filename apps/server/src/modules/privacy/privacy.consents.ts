import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { consentStatements, type Consent, type ConsentPurpose } from '@hirehall/shared/privacy';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { consents } from './privacy.tables.ts';

/** What a consent covers: standing (neither set), one organization, one record, or both. */
export interface ConsentScope {
  organizationId?: string | null;
  reference?: string | null;
}

/** The reference a consent given by applying carries. */
export const applicationConsentReference = (applicationId: string) =>
  `application:${applicationId}`;
/** The reference a consent given by sharing a card with its contacts carries. */
export const cardShareConsentReference = (cardId: string) => `card-share:${cardId}`;

/**
 * Records a separate consent, once: an active consent of the same purpose and scope is kept.
 * Other modules call it in their own transaction: the applications module when a seeker
 * applies (resume_share, per organization and application), the talent pool when a seeker
 * pushes a card (contact_reveal, standing) or shares it with the contacts (per card).
 */
export async function recordConsent(
  q: Queryable,
  input: { accountId: string; purpose: ConsentPurpose } & ConsentScope,
) {
  if (await hasConsent(q, input.accountId, input.purpose, input)) return;
  await q
    .insert(consents)
    .values({
      accountId: input.accountId,
      purpose: input.purpose,
      organizationId: input.organizationId ?? null,
      reference: input.reference ?? null,
      statement: consentStatements[input.purpose],
    })
    .onConflictDoNothing();
}

/** An active (not withdrawn) consent for the purpose and scope; standing when no scope. */
export async function hasConsent(
  q: Queryable,
  accountId: string,
  purpose: ConsentPurpose,
  scope: ConsentScope = {},
) {
  const [row] = await q
    .select({ id: consents.id })
    .from(consents)
    .where(
      and(
        eq(consents.accountId, accountId),
        eq(consents.purpose, purpose),
        scope.organizationId
          ? eq(consents.organizationId, scope.organizationId)
          : isNull(consents.organizationId),
        scope.reference ? eq(consents.reference, scope.reference) : isNull(consents.reference),
        isNull(consents.withdrawnAt),
      ),
    )
    .limit(1);
  return !!row;
}

export async function listConsents(q: Queryable, accountId: string): Promise<Consent[]> {
  const rows = await q
    .select({
      id: consents.id,
      purpose: consents.purpose,
      organizationId: consents.organizationId,
      organizationName: organizations.name,
      reference: consents.reference,
      statement: consents.statement,
      grantedAt: consents.grantedAt,
      withdrawnAt: consents.withdrawnAt,
    })
    .from(consents)
    .leftJoin(organizations, eq(organizations.id, consents.organizationId))
    .where(eq(consents.accountId, accountId))
    .orderBy(desc(consents.grantedAt))
    .limit(500);
  return rows.map((r) => ({
    ...r,
    grantedAt: r.grantedAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  }));
}

/** Withdrawing stops future use; what was already shared under it stays lawful. */
export async function withdrawConsent(tx: Tx, accountId: string, id: string) {
  const rows = await tx
    .update(consents)
    .set({ withdrawnAt: sql`now()` })
    .where(
      and(eq(consents.id, id), eq(consents.accountId, accountId), isNull(consents.withdrawnAt)),
    )
    .returning({ id: consents.id });
  if (rows.length === 0) throw new AppError('NOT_FOUND');
}
