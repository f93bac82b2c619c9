import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { consentStatements, type Consent, type ConsentPurpose } from '@hirehall/shared/privacy';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { consents } from './privacy.tables.ts';

/**
 * Records a separate consent. Other modules call it in their own transaction: the
 * applications module when a seeker applies (resume_share, per organization and
 * application), the talent pool when a seeker pushes a card (contact_reveal, standing).
 */
export async function recordConsent(
  q: Queryable,
  input: {
    accountId: string;
    purpose: ConsentPurpose;
    organizationId?: string | null;
    reference?: string | null;
  },
) {
  const standing = !input.organizationId && !input.reference;
  if (standing && (await hasConsent(q, input.accountId, input.purpose))) return;
  await q.insert(consents).values({
    accountId: input.accountId,
    purpose: input.purpose,
    organizationId: input.organizationId ?? null,
    reference: input.reference ?? null,
    statement: consentStatements[input.purpose],
  });
}

/** A standing consent for the purpose, not withdrawn. */
export async function hasConsent(q: Queryable, accountId: string, purpose: ConsentPurpose) {
  const [row] = await q
    .select({ id: consents.id })
    .from(consents)
    .where(
      and(
        eq(consents.accountId, accountId),
        eq(consents.purpose, purpose),
        isNull(consents.organizationId),
        isNull(consents.reference),
        isNull(consents.withdrawnAt),
      ),
    );
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
