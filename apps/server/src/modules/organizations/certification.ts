import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { CertificationChange, EmployerProfile } from '@hirehall/shared/organizations';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { normalizeIdentifier } from '../accounts/accounts.repo.ts';
import { signInIdentifiers } from '../accounts/accounts.tables.ts';
import { certificationChanges, memberships, organizations } from './organizations.tables.ts';
import { authorize } from './organizations.policy.ts';
import { getOrganization, iso } from './organizations.repo.ts';
import { assertCompanyIdentityFree, claimLicence } from './registration.ts';

const changeColumns = {
  id: certificationChanges.id,
  organizationId: certificationChanges.organizationId,
  organizationName: organizations.name,
  name: certificationChanges.name,
  creditCode: certificationChanges.creditCode,
  licenceFileId: certificationChanges.licenceFileId,
  status: certificationChanges.status,
  reason: certificationChanges.reason,
  createdAt: certificationChanges.createdAt,
  reviewedAt: certificationChanges.reviewedAt,
  current: {
    name: organizations.name,
    creditCode: organizations.creditCode,
    licenceFileId: organizations.licenceFileId,
  },
};

async function selectChanges(q: Queryable, where: ReturnType<typeof and>, limit = 200) {
  const rows = await q
    .select(changeColumns)
    .from(certificationChanges)
    .innerJoin(organizations, eq(organizations.id, certificationChanges.organizationId))
    .where(where)
    .orderBy(desc(certificationChanges.createdAt))
    .limit(limit);
  return rows.map((r): CertificationChange => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    reviewedAt: iso(r.reviewedAt),
  }));
}

export async function getEmployerProfile(q: Queryable, organizationId: string) {
  const org = await getOrganization(q, organizationId);
  const [pending] = await selectChanges(
    q,
    and(
      eq(certificationChanges.organizationId, organizationId),
      eq(certificationChanges.status, 'pending'),
    ),
    1,
  );
  const [decided] = await selectChanges(
    q,
    and(
      eq(certificationChanges.organizationId, organizationId),
      ne(certificationChanges.status, 'pending'),
    ),
    1,
  );
  const profile: EmployerProfile = {
    id: org.id,
    name: org.name,
    creditCode: org.creditCode,
    licenceFileId: org.licenceFileId,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    contactEmail: org.contactEmail,
    address: org.address,
    industry: org.industry,
    scale: org.scale,
    website: org.website,
    introduction: org.introduction,
    notificationChannel: org.notificationChannel,
    pendingCertification: pending ?? null,
    lastCertificationDecision: decided ?? null,
  };
  return profile;
}

/** Changed certification fields wait for the admin; the values in force stay meanwhile. */
export async function requestCertificationChange(
  tx: Tx,
  actor: Actor,
  input: { name: string; creditCode: string; licenceFileId: string },
  ip?: string,
) {
  authorize(actor, 'requestCertificationChange');
  const organizationId = actor.organizationId!;
  // one pending change at a time, serialized per organization
  await tx.execute(sql`select id from organizations where id = ${organizationId} for update`);
  const [open] = await tx
    .select({ id: certificationChanges.id })
    .from(certificationChanges)
    .where(
      and(
        eq(certificationChanges.organizationId, organizationId),
        eq(certificationChanges.status, 'pending'),
      ),
    );
  if (open) throw new AppError('CONFLICT', '已有待审核的认证信息变更，请等待平台审核');
  await assertCompanyIdentityFree(tx, input, organizationId);
  await claimLicence(tx, input.licenceFileId, organizationId, actor.accountId);
  const [row] = await tx
    .insert(certificationChanges)
    .values({ organizationId, ...input })
    .returning({ id: certificationChanges.id });
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'certification.request',
    targetType: 'certification_change',
    targetId: row!.id,
    ip,
    details: { organizationId, name: input.name, creditCode: input.creditCode },
  });
  const [change] = await selectChanges(tx, and(eq(certificationChanges.id, row!.id)));
  return change!;
}

export const listPendingCertificationChanges = (q: Queryable) =>
  selectChanges(q, and(eq(certificationChanges.status, 'pending')), 500);

/** The admin's decision: approval applies the values and the employer's sign-in names. */
export async function decideCertificationChange(
  tx: Tx,
  actor: Actor,
  changeId: string,
  decision: { approve: true } | { approve: false; reason: string },
  ip?: string,
) {
  const [change] = await tx
    .select()
    .from(certificationChanges)
    .where(eq(certificationChanges.id, changeId));
  if (!change) throw new AppError('NOT_FOUND');
  authorize(actor, 'reviewCertificationChange', change);
  const updated = await tx
    .update(certificationChanges)
    .set({
      status: decision.approve ? 'approved' : 'rejected',
      reason: decision.approve ? null : decision.reason,
      reviewedBy: actor.accountId,
      reviewedAt: sql`now()`,
    })
    .where(and(eq(certificationChanges.id, changeId), eq(certificationChanges.status, 'pending')))
    .returning({ id: certificationChanges.id });
  if (updated.length === 0) throw new AppError('CONFLICT');
  if (decision.approve) await applyCertification(tx, change);
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: decision.approve ? 'certification.approve' : 'certification.reject',
    targetType: 'certification_change',
    targetId: changeId,
    ip,
    details: {
      organizationId: change.organizationId,
      ...(decision.approve ? {} : { reason: decision.reason }),
    },
  });
  await appendEvent(tx, {
    kind: 'certification.reviewed',
    recipientOrganizationIds: [change.organizationId],
    payload: {
      title: decision.approve ? '单位认证信息变更已通过审核' : '单位认证信息变更未通过审核',
      body: decision.approve
        ? `单位名称与统一社会信用代码已更新为：${change.name}（${change.creditCode}）。`
        : `原因：${decision.reason}。原认证信息继续有效，可修改后重新提交。`,
      link: '/employer/company/profile',
      certificationChangeId: changeId,
      approved: decision.approve,
    },
  });
  const [result] = await selectChanges(tx, and(eq(certificationChanges.id, changeId)));
  return result!;
}

async function applyCertification(tx: Tx, change: typeof certificationChanges.$inferSelect) {
  await assertCompanyIdentityFree(tx, change, change.organizationId);
  await tx
    .update(organizations)
    .set({
      name: change.name,
      creditCode: change.creditCode,
      licenceFileId: change.licenceFileId,
    })
    .where(eq(organizations.id, change.organizationId));
  const members = tx
    .select({ id: memberships.accountId })
    .from(memberships)
    .where(eq(memberships.organizationId, change.organizationId));
  for (const [kind, value] of [
    ['credit_code', change.creditCode],
    ['org_name', change.name],
  ] as const) {
    await tx
      .update(signInIdentifiers)
      .set({ value: normalizeIdentifier(value) })
      .where(and(eq(signInIdentifiers.kind, kind), inArray(signInIdentifiers.accountId, members)));
  }
}
