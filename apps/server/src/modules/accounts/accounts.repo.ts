import { eq, and, isNull, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { accounts, seekerProfiles, signInIdentifiers } from './accounts.tables.ts';

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

export interface SignInAccount {
  id: string;
  role: AccountRole;
  passwordHash: string | null;
  status: 'active' | 'disabled';
}

/** The first of `candidates` (in order) that names an account. */
export async function findAccountByIdentifiers(
  q: Queryable,
  candidates: { kind: IdentifierKind; value: string }[],
): Promise<SignInAccount | null> {
  for (const c of candidates) {
    const [row] = await q
      .select({
        id: accounts.id,
        role: accounts.role,
        passwordHash: accounts.passwordHash,
        status: accounts.status,
      })
      .from(signInIdentifiers)
      .innerJoin(accounts, eq(accounts.id, signInIdentifiers.accountId))
      .where(
        and(
          eq(signInIdentifiers.kind, c.kind),
          eq(signInIdentifiers.value, normalizeIdentifier(c.value)),
        ),
      );
    if (row) return row;
  }
  return null;
}

export async function findAccountByPhone(q: Queryable, phone: string) {
  const [row] = await q
    .select({
      id: accounts.id,
      role: accounts.role,
      passwordHash: accounts.passwordHash,
      status: accounts.status,
    })
    .from(accounts)
    .where(eq(accounts.phone, phone));
  return row ?? null;
}

export async function findAccountById(q: Queryable, accountId: string) {
  const [row] = await q
    .select({
      id: accounts.id,
      role: accounts.role,
      passwordHash: accounts.passwordHash,
      status: accounts.status,
      phone: accounts.phone,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ?? null;
}

/** Adds a sign-in identifier unless that kind+value already exists; true when added. */
export async function addIdentifier(
  q: Queryable,
  accountId: string,
  kind: IdentifierKind,
  value: string,
): Promise<boolean> {
  const rows = await q
    .insert(signInIdentifiers)
    .values({ kind, value: normalizeIdentifier(value), accountId })
    .onConflictDoNothing()
    .returning({ accountId: signInIdentifiers.accountId });
  return rows.length > 0;
}

/** Replaces the password; a chosen password ends the forced change and any lock. */
export async function setPassword(q: Queryable, accountId: string, passwordHash: string) {
  await q
    .update(accounts)
    .set({
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: sql`now()`,
      failedSignIns: 0,
      lockedUntil: null,
    })
    .where(eq(accounts.id, accountId));
}

/** Gives an account a phone (and the phone identifier) when nobody else holds it. */
export async function attachPhone(q: Queryable, accountId: string, phone: string) {
  const owner = await findAccountByPhone(q, phone);
  if (owner && owner.id !== accountId) return;
  if (!owner) {
    // an account that already has another phone keeps it
    const updated = await q
      .update(accounts)
      .set({ phone })
      .where(and(eq(accounts.id, accountId), isNull(accounts.phone)))
      .returning({ id: accounts.id });
    if (updated.length === 0) return;
  }
  await addIdentifier(q, accountId, 'phone', phone);
}

export async function findSeekerProfile(q: Queryable, accountId: string) {
  const [row] = await q
    .select()
    .from(seekerProfiles)
    .where(eq(seekerProfiles.accountId, accountId));
  return row ?? null;
}

export interface SessionAccountRow {
  id: string;
  role: AccountRole;
  display_name: string;
  must_change_password: boolean;
  org_id: string | null;
  org_name: string | null;
  org_kind: 'company' | 'institution' | 'school' | null;
  college_id: string | null;
  is_public: boolean;
  is_graduate: boolean;
  is_certified: boolean;
}

export async function findSessionAccountRow(q: Queryable, accountId: string) {
  const [row] = await queryRows<SessionAccountRow>(
    q,
    sql`select a.id, a.role, a.display_name, a.must_change_password,
               o.id as org_id, o.name as org_name, o.kind as org_kind, m.college_id,
               exists(select 1 from seeker_profiles sp where sp.account_id = a.id) as is_public,
               exists(select 1 from graduate_records g where g.account_id = a.id) as is_graduate,
               exists(select 1 from personnel_registry r where r.account_id = a.id) as is_certified
        from accounts a
        left join memberships m on m.account_id = a.id
        left join organizations o on o.id = m.organization_id
        where a.id = ${accountId}`,
  );
  return row ?? null;
}
