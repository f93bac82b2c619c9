import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { files } from '../../platform/storage/files.tables.ts';
import type { EmployerRegistration } from '@hirehall/shared/organizations';
import { insertAccount, findAccountIdByIdentifier } from '../accounts/accounts.repo.ts';
import { memberships, organizations } from './organizations.tables.ts';

const CLAIM_WINDOW_HOURS = 24;

/**
 * Ties an uploaded licence to an organization: an anonymous upload not yet claimed (and
 * recent), or one the organization already owns. Anything else is refused.
 */
export async function claimLicence(
  q: Queryable,
  fileId: string,
  organizationId: string,
  accountId: string,
) {
  const claimed = await q
    .update(files)
    .set({ organizationId, ownerAccountId: accountId })
    .where(
      and(
        eq(files.id, fileId),
        eq(files.purpose, 'licence'),
        isNull(files.organizationId),
        gt(files.createdAt, sql`now() - make_interval(hours => ${CLAIM_WINDOW_HOURS})`),
      ),
    )
    .returning({ id: files.id });
  if (claimed.length > 0) return;
  const [own] = await q
    .select({ id: files.id })
    .from(files)
    .where(
      and(
        eq(files.id, fileId),
        eq(files.purpose, 'licence'),
        eq(files.organizationId, organizationId),
      ),
    );
  if (!own) {
    throw new AppError('VALIDATION_FAILED', '营业执照文件无效或已过期，请重新上传', [
      { path: 'licenceFileId', message: '营业执照文件无效或已过期，请重新上传' },
    ]);
  }
}

/** Name and credit code must be free (among companies; credit codes across all kinds). */
export async function assertCompanyIdentityFree(
  q: Queryable,
  input: { name: string; creditCode: string },
  exceptOrganizationId?: string,
) {
  const rows = await q
    .select({
      id: organizations.id,
      name: organizations.name,
      creditCode: organizations.creditCode,
    })
    .from(organizations)
    .where(
      sql`((${organizations.kind} = 'company' and ${organizations.name} = ${input.name})
        or ${organizations.creditCode} = ${input.creditCode})`,
    );
  const others = rows.filter((r) => r.id !== exceptOrganizationId);
  if (others.some((r) => r.creditCode === input.creditCode)) {
    throw new AppError('ACCOUNT_EXISTS', '该统一社会信用代码已注册，请直接登录');
  }
  if (others.length > 0) throw new AppError('ACCOUNT_EXISTS', '该单位名称已注册，请直接登录');
  for (const [kind, value] of [
    ['credit_code', input.creditCode],
    ['org_name', input.name],
  ] as const) {
    const accountId = await findAccountIdByIdentifier(q, kind, value);
    if (accountId && !(await isMemberOf(q, accountId, exceptOrganizationId))) {
      throw new AppError('ACCOUNT_EXISTS');
    }
  }
}

async function isMemberOf(q: Queryable, accountId: string, organizationId?: string) {
  if (!organizationId) return false;
  const [m] = await q
    .select({ id: memberships.accountId })
    .from(memberships)
    .where(
      and(eq(memberships.accountId, accountId), eq(memberships.organizationId, organizationId)),
    );
  return !!m;
}

/** Step 1: the company, its employer account (signs in with credit code or full name), a session. */
export async function registerEmployer(
  tx: Tx,
  input: Omit<EmployerRegistration, 'captchaId' | 'captchaAnswer'>,
  meta: { ip?: string; userAgent?: string; sessionDays: number },
) {
  await assertCompanyIdentityFree(tx, input);
  const [org] = await tx
    .insert(organizations)
    .values({
      kind: 'company',
      name: input.name,
      creditCode: input.creditCode,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      contactEmail: input.contactEmail ?? null,
      address: input.address ?? null,
      industry: input.industry ?? null,
      scale: input.scale ?? null,
      introduction: input.introduction ?? null,
    })
    .returning();
  const account = await insertAccount(tx, {
    role: 'employer',
    displayName: input.name,
    passwordHash: await hashPassword(input.password),
    identifiers: [
      { kind: 'credit_code', value: input.creditCode },
      { kind: 'org_name', value: input.name },
    ],
  });
  await tx.insert(memberships).values({ accountId: account.id, organizationId: org!.id });
  await claimLicence(tx, input.licenceFileId, org!.id, account.id);
  await tx
    .update(organizations)
    .set({ licenceFileId: input.licenceFileId })
    .where(eq(organizations.id, org!.id));
  await recordAudit(tx, {
    actorAccountId: account.id,
    actorRole: 'employer',
    action: 'employer.register',
    targetType: 'organization',
    targetId: org!.id,
    ip: meta.ip,
    details: { name: input.name, creditCode: input.creditCode },
  });
  const session = await createSession(tx, {
    accountId: account.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    days: meta.sessionDays,
  });
  return { organizationId: org!.id, accountId: account.id, session };
}
