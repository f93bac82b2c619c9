import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  defaultSigningSettings,
  signingSettingsSchema,
  type Agreement,
  type AgreementStatus,
  type ReviewStatus,
  type SigningSettings,
} from '@hirehall/shared/agreements';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { colleges, graduateRecords, organizations } from '../organizations/organizations.tables.ts';
import {
  agreementReviews,
  agreements,
  agreementTerminations,
  type SignedPartiesSnapshot,
} from './agreements.tables.ts';

export type AgreementRow = typeof agreements.$inferSelect;
export type TerminationRow = typeof agreementTerminations.$inferSelect;

/** The minimal row plus what every policy check needs: the graduate's college and account. */
export interface AgreementHead extends AgreementRow {
  graduateAccountId: string | null;
  graduateCollegeId: string | null;
}

export async function findAgreementHead(q: Queryable, id: string): Promise<AgreementHead | null> {
  const [row] = await q
    .select({
      a: agreements,
      graduateAccountId: graduateRecords.accountId,
      graduateCollegeId: graduateRecords.collegeId,
    })
    .from(agreements)
    .innerJoin(graduateRecords, eq(graduateRecords.id, agreements.graduateRecordId))
    .where(eq(agreements.id, id));
  if (!row) return null;
  return {
    ...row.a,
    graduateAccountId: row.graduateAccountId,
    graduateCollegeId: row.graduateCollegeId,
  };
}

/**
 * The only writer of the two status columns: `UPDATE … WHERE status = $from` (and the review
 * status the caller saw). Zero rows → CONFLICT: someone else changed it first.
 */
export async function writeAgreementState(
  q: Queryable,
  input: {
    id: string;
    from: AgreementStatus;
    to: AgreementStatus;
    reviewFrom?: ReviewStatus | null;
    reviewTo?: ReviewStatus | null;
    set?: Partial<typeof agreements.$inferInsert>;
    /** extra guard, e.g. the offer has not passed its deadline */
    guard?: ReturnType<typeof sql>;
  },
): Promise<AgreementRow> {
  const conditions = [eq(agreements.id, input.id), eq(agreements.status, input.from)];
  if (input.reviewFrom !== undefined) {
    conditions.push(
      input.reviewFrom === null
        ? sql`${agreements.reviewStatus} is null`
        : eq(agreements.reviewStatus, input.reviewFrom),
    );
  }
  if (input.guard) conditions.push(input.guard);
  const rows = await q
    .update(agreements)
    .set({
      ...input.set,
      status: input.to,
      ...(input.reviewTo !== undefined ? { reviewStatus: input.reviewTo } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(...conditions))
    .returning();
  if (rows.length === 0) throw new AppError('CONFLICT');
  return rows[0]!;
}

/** Serializes everything that decides whether a graduate is signable (offer sent, accept). */
export async function lockGraduateRecord(q: Queryable, graduateRecordId: string) {
  const rows = await queryRows<{
    id: string;
    school_id: string;
    graduation_year: number;
    status: string;
    account_id: string | null;
    name: string;
  }>(
    q,
    sql`select id, school_id, graduation_year, status, account_id, name
          from graduate_records where id = ${graduateRecordId} for update`,
  );
  return rows[0] ?? null;
}

/**
 * An agreement that binds its graduate (the partial unique index's condition): accepted (in
 * review, signed), or returned by a review and being amended by its employer (draft or sent).
 */
export const bindingAgreementSql = (alias: string) =>
  sql.raw(
    `(${alias}.status = 'accepted' or (${alias}.status in ('draft', 'sent') and ${alias}.review_status = 'returned'))`,
  );

/** Whether another agreement than `exceptId` binds the graduate. */
export async function hasBindingAgreement(
  q: Queryable,
  graduateRecordId: string,
  exceptId?: string,
) {
  const rows = await queryRows<{ id: string }>(
    q,
    sql`select a.id from agreements a
         where a.graduate_record_id = ${graduateRecordId} and ${bindingAgreementSql('a')}
           ${exceptId ? sql`and a.id <> ${exceptId}` : sql``}
         limit 1`,
  );
  return rows.length > 0;
}

export async function getSigningSettings(q: Queryable, schoolId: string): Promise<SigningSettings> {
  const [row] = await q
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, schoolId));
  const parsed = signingSettingsSchema
    .partial()
    .safeParse((row?.settings as Record<string, unknown> | undefined)?.signing ?? {});
  return { ...defaultSigningSettings, ...(parsed.success ? parsed.data : {}) };
}

export async function saveSigningSettings(q: Queryable, schoolId: string, s: SigningSettings) {
  await q
    .update(organizations)
    .set({
      settings: sql`coalesce(${organizations.settings}, '{}'::jsonb) || jsonb_build_object('signing', ${JSON.stringify(s)}::jsonb)`,
    })
    .where(eq(organizations.id, schoolId));
}

/** The school's bearer token for the provincial platform; stored apart from the settings. */
export async function getProvincialToken(q: Queryable, schoolId: string): Promise<string | null> {
  const [row] = await q
    .select({ token: sql<string | null>`${organizations.settings}->>'provincialToken'` })
    .from(organizations)
    .where(eq(organizations.id, schoolId));
  return row?.token ?? null;
}

export async function saveProvincialToken(q: Queryable, schoolId: string, token: string | null) {
  await q
    .update(organizations)
    .set({
      settings: token
        ? sql`coalesce(${organizations.settings}, '{}'::jsonb) || jsonb_build_object('provincialToken', ${token}::text)`
        : sql`coalesce(${organizations.settings}, '{}'::jsonb) - 'provincialToken'`,
    })
    .where(eq(organizations.id, schoolId));
}

const omitIdNumber = ({ idNumber: _, ...rest }: SignedPartiesSnapshot['graduate']) => rest;

/** The graduate's ID number as the agreement carries it: frozen at signing, else the record's. */
export async function idNumberOfAgreement(q: Queryable, a: AgreementRow): Promise<string> {
  if (a.partiesSnapshot) return a.partiesSnapshot.graduate.idNumber;
  const [g] = await q
    .select({ idNumber: graduateRecords.idNumber })
    .from(graduateRecords)
    .where(eq(graduateRecords.id, a.graduateRecordId));
  return g!.idNumber;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Full views for a set of agreements (already authorized), in the order of `ids`. */
export async function loadAgreementViews(q: Queryable, ids: string[]): Promise<Agreement[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .select({
      a: agreements,
      g: graduateRecords,
      collegeName: colleges.name,
      schoolName: sql<string>`(select name from organizations o where o.id = ${agreements.schoolId})`,
      employerName: sql<string>`(select name from organizations o where o.id = ${agreements.employerId})`,
    })
    .from(agreements)
    .innerJoin(graduateRecords, eq(graduateRecords.id, agreements.graduateRecordId))
    .leftJoin(colleges, eq(colleges.id, graduateRecords.collegeId))
    .where(inArray(agreements.id, ids));
  const reviews = await q
    .select()
    .from(agreementReviews)
    .where(inArray(agreementReviews.agreementId, ids))
    .orderBy(asc(agreementReviews.createdAt));
  const terminations = await q
    .select()
    .from(agreementTerminations)
    .where(inArray(agreementTerminations.agreementId, ids))
    .orderBy(asc(agreementTerminations.createdAt));
  const byId = new Map(rows.map((r) => [r.a.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { a, g } = r;
    // once signed, the agreement speaks of the parties as they were at signing
    const frozen = a.partiesSnapshot;
    return [
      {
        id: a.id,
        schoolId: a.schoolId,
        schoolName: frozen?.schoolName ?? r.schoolName,
        graduationYear: a.graduationYear,
        employerId: a.employerId,
        employerName: r.employerName,
        graduate: frozen
          ? { id: g.id, ...omitIdNumber(frozen.graduate) }
          : {
              id: g.id,
              studentNumber: g.studentNumber,
              name: g.name,
              gender: g.gender,
              collegeName: r.collegeName,
              major: g.major,
              degree: g.degree,
            },
        status: a.status,
        reviewStatus: a.reviewStatus,
        terms: a.terms,
        confirmedClauses: a.confirmedClauses,
        employer: a.employerSnapshot,
        deadlineAt: iso(a.deadlineAt),
        sentAt: iso(a.sentAt),
        answeredAt: iso(a.answeredAt),
        responseReason: a.responseReason,
        returnReason: a.returnReason,
        agreementNumber: a.agreementNumber,
        verificationCode: a.verificationCode,
        signedAt: iso(a.signedAt),
        reviews: reviews
          .filter((v) => v.agreementId === id)
          .map((v) => ({
            stage: v.stage,
            decision: v.decision,
            reason: v.reason,
            reviewerName: v.reviewerName,
            createdAt: v.createdAt.toISOString(),
          })),
        terminations: terminations.filter((x) => x.agreementId === id).map(toTerminationView),
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
      },
    ];
  });
}

export function toTerminationView(x: TerminationRow) {
  return {
    id: x.id,
    agreementId: x.agreementId,
    initiatedBy: x.initiatedBy,
    reason: x.reason,
    letterFileId: x.letterFileId,
    status: x.status,
    responseReason: x.responseReason,
    reviewReason: x.reviewReason,
    createdAt: x.createdAt.toISOString(),
    consentedAt: iso(x.consentedAt),
    reviewedAt: iso(x.reviewedAt),
  };
}

/** Postgres unique violation (drizzle wraps driver errors in `cause`). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | null;
  for (let i = 0; e && i < 4; i++) {
    if (e.code === '23505') {
      return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
    }
    e = e.cause as typeof e;
  }
  return false;
}
