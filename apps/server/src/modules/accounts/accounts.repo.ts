import { eq, and } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.ts';
import { accounts, signInIdentifiers } from './accounts.tables.ts';

export type IdentifierKind = (typeof signInIdentifiers.$inferInsert)['kind'];
export type AccountRole = (typeof accounts.$inferInsert)['role'];

/** Identifiers are stored trimmed and upper-cased so look-ups ignore case. */
export const normalizeIdentifier = (value: string) => value.trim().toUpperCase();

export async function insertAccount(
  q: Queryable,
  input: {
    role: AccountRole;
    displayName: string;
    passwordHash: string | null;
    mustChangePassword?: boolean;
    phone?: string | null;
    identifiers: { kind: IdentifierKind; value: string }[];
  },
): Promise<{ id: string }> {
  const [row] = await q
    .insert(accounts)
    .values({
      role: input.role,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
      mustChangePassword: input.mustChangePassword ?? false,
      phone: input.phone ?? null,
      passwordChangedAt: input.passwordHash ? new Date() : null,
    })
    .returning({ id: accounts.id });
  for (const identifier of input.identifiers) {
    await q.insert(signInIdentifiers).values({
      kind: identifier.kind,
      value: normalizeIdentifier(identifier.value),
      accountId: row!.id,
    });
  }
  return row!;
}

export async function findAccountIdByIdentifier(
  q: Queryable,
  kind: IdentifierKind,
  value: string,
): Promise<string | null> {
  const [row] = await q
    .select({ accountId: signInIdentifiers.accountId })
    .from(signInIdentifiers)
    .where(
      and(
        eq(signInIdentifiers.kind, kind),
        eq(signInIdentifiers.value, normalizeIdentifier(value)),
      ),
    );
  return row?.accountId ?? null;
}
