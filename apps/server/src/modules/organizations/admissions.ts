import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  graduationYears,
  type Admission,
  type SchoolAdmission,
} from '@hirehall/shared/organizations';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { admissions, organizations } from './organizations.tables.ts';
import { authorize } from './organizations.policy.ts';
import { maskPhone } from '@hirehall/shared/validators';
import { iso } from './organizations.repo.ts';

const school = alias(organizations, 'school');
const employer = alias(organizations, 'employer');

const admissionColumns = {
  id: admissions.id,
  schoolId: admissions.schoolId,
  schoolName: school.name,
  graduationYear: admissions.graduationYear,
  status: admissions.status,
  note: admissions.note,
  reason: admissions.reason,
  createdAt: admissions.createdAt,
  reviewedAt: admissions.reviewedAt,
};

type AdmissionRow = Omit<Admission, 'createdAt' | 'reviewedAt'> & {
  createdAt: Date;
  reviewedAt: Date | null;
};

const toAdmission = (r: AdmissionRow): Admission => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  reviewedAt: iso(r.reviewedAt),
});

export async function listEmployerAdmissions(q: Queryable, employerId: string) {
  const rows = await q
    .select(admissionColumns)
    .from(admissions)
    .innerJoin(school, eq(school.id, admissions.schoolId))
    .where(eq(admissions.employerId, employerId))
    .orderBy(desc(admissions.graduationYear), desc(admissions.createdAt));
  return rows.map(toAdmission);
}

/**
 * Step 2: apply at schools for graduation years. New pairs start pending; a rejected pair
 * goes back to pending (reapply); pending, approved or suspended pairs stay as they are.
 */
export async function applyForAdmissions(
  tx: Tx,
  employerId: string,
  applications: { schoolId: string; graduationYear: number; note?: string | null }[],
) {
  const years = graduationYears();
  for (const a of applications) {
    if (!years.includes(a.graduationYear)) {
      throw new AppError('VALIDATION_FAILED', `毕业年份须为 ${years.join('、')} 之一`);
    }
    const [s] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        and(
          eq(organizations.id, a.schoolId),
          eq(organizations.kind, 'school'),
          eq(organizations.status, 'active'),
        ),
      );
    if (!s) throw new AppError('NOT_FOUND', '学校不存在');
    await tx
      .insert(admissions)
      .values({ employerId, schoolId: a.schoolId, graduationYear: a.graduationYear, note: a.note })
      .onConflictDoUpdate({
        target: [admissions.employerId, admissions.schoolId, admissions.graduationYear],
        set: {
          status: 'pending',
          note: sql`excluded.note`,
          reason: null,
          reviewedBy: null,
          reviewedAt: null,
          createdAt: sql`now()`,
        },
        setWhere: sql`${admissions.status} = 'rejected'`,
      });
  }
  const all = await listEmployerAdmissions(tx, employerId);
  return all.filter((r) =>
    applications.some((a) => a.schoolId === r.schoolId && a.graduationYear === r.graduationYear),
  );
}

export async function listSchoolAdmissions(
  q: Queryable,
  schoolId: string,
  status?: Admission['status'],
): Promise<SchoolAdmission[]> {
  const rows = await q
    .select({
      ...admissionColumns,
      employer: {
        id: employer.id,
        name: employer.name,
        creditCode: employer.creditCode,
        licenceFileId: employer.licenceFileId,
        contactName: employer.contactName,
        contactPhone: employer.contactPhone,
        contactEmail: employer.contactEmail,
        address: employer.address,
        industry: employer.industry,
        scale: employer.scale,
        introduction: employer.introduction,
      },
    })
    .from(admissions)
    .innerJoin(school, eq(school.id, admissions.schoolId))
    .innerJoin(employer, eq(employer.id, admissions.employerId))
    .where(
      and(eq(admissions.schoolId, schoolId), status ? eq(admissions.status, status) : undefined),
    )
    .orderBy(desc(admissions.createdAt))
    .limit(500);
  return rows.map((r) => ({
    ...toAdmission(r),
    employer: { ...r.employer, contactPhone: maskPhone(r.employer.contactPhone) },
  }));
}

/**
 * The school's decision on a pending admission. Another school's admission answers 404;
 * one that is no longer pending answers CONFLICT. The audit row shares the transaction.
 */
export async function reviewAdmission(
  tx: Tx,
  actor: Actor,
  admissionId: string,
  decision: { approve: true } | { approve: false; reason: string },
  ip?: string,
): Promise<Admission> {
  const [row] = await tx
    .select({ schoolId: admissions.schoolId, status: admissions.status })
    .from(admissions)
    .where(eq(admissions.id, admissionId));
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'reviewAdmission', row);
  const to = decision.approve ? 'approved' : 'rejected';
  const updated = await tx
    .update(admissions)
    .set({
      status: to,
      reason: decision.approve ? null : decision.reason,
      reviewedBy: actor.accountId,
      reviewedAt: sql`now()`,
    })
    .where(
      and(
        eq(admissions.id, admissionId),
        eq(admissions.schoolId, row.schoolId),
        eq(admissions.status, 'pending'),
      ),
    )
    .returning({ id: admissions.id, employerId: admissions.employerId });
  if (updated.length === 0) throw new AppError('CONFLICT');
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: decision.approve ? 'admission.approve' : 'admission.reject',
    targetType: 'admission',
    targetId: admissionId,
    ip,
    details: {
      employerId: updated[0]!.employerId,
      ...(decision.approve ? {} : { reason: decision.reason }),
    },
  });
  const [result] = await tx
    .select(admissionColumns)
    .from(admissions)
    .innerJoin(school, eq(school.id, admissions.schoolId))
    .where(eq(admissions.id, admissionId));
  // the employer learns the result on its channels (same transaction as the decision)
  const r = result!;
  await appendEvent(tx, {
    kind: 'admission.reviewed',
    recipientOrganizationIds: [updated[0]!.employerId],
    payload: {
      title: decision.approve
        ? `${r.schoolName}已通过您的入驻申请（${r.graduationYear}届）`
        : `${r.schoolName}未通过您的入驻申请（${r.graduationYear}届）`,
      body: decision.approve
        ? '现在可以在该校发布职位、参加招聘会。'
        : `原因：${decision.reason}。修改后可重新申请。`,
      link: '/employer',
      admissionId,
      schoolId: r.schoolId,
      graduationYear: r.graduationYear,
      approved: decision.approve,
    },
  });
  return toAdmission(r);
}

/** For later modules: the employer may act at this school for this year, else NOT_ADMITTED. */
export async function assertAdmitted(
  q: Queryable,
  employerId: string,
  schoolId: string,
  graduationYear: number,
): Promise<void> {
  if (!(await isAdmitted(q, employerId, schoolId, graduationYear))) {
    throw new AppError('NOT_ADMITTED');
  }
}

export async function isAdmitted(
  q: Queryable,
  employerId: string,
  schoolId: string,
  graduationYear?: number,
): Promise<boolean> {
  const [row] = await q
    .select({ id: admissions.id })
    .from(admissions)
    .where(
      and(
        eq(admissions.employerId, employerId),
        eq(admissions.schoolId, schoolId),
        graduationYear === undefined ? undefined : eq(admissions.graduationYear, graduationYear),
        eq(admissions.status, 'approved'),
      ),
    )
    .limit(1);
  return !!row;
}

/** Schools the employer has applied to (any state): whose staff may read its licence. */
export async function appliedSchoolIds(q: Queryable, employerId: string): Promise<string[]> {
  const rows = await q
    .selectDistinct({ schoolId: admissions.schoolId })
    .from(admissions)
    .where(eq(admissions.employerId, employerId));
  return rows.map((r) => r.schoolId);
}
