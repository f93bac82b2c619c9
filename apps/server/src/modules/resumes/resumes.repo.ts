import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ConfirmFactsInput, ResumeContent } from '@hirehall/shared/resumes';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { files } from '../../platform/storage/files.tables.ts';
import { accounts, seekerProfiles } from '../accounts/accounts.tables.ts';
import { organizations, personnelRegistry } from '../organizations/organizations.tables.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { resumeAccessLog, resumeAttachments, resumes } from './resumes.tables.ts';

export type ResumeRow = typeof resumes.$inferSelect;

export async function findResumeRow(q: Queryable, accountId: string): Promise<ResumeRow | null> {
  const [row] = await q.select().from(resumes).where(eq(resumes.accountId, accountId));
  return row ?? null;
}

export async function insertResumeIfMissing(
  q: Queryable,
  accountId: string,
  content: ResumeContent,
) {
  await q
    .insert(resumes)
    .values({ accountId, content: content as Record<string, unknown> })
    .onConflictDoNothing();
}

/** What the platform already knows about the person: real-name profile, registry, phone. */
export async function findKnownFacts(q: Queryable, accountId: string) {
  const [row] = await q
    .select({
      displayName: accounts.displayName,
      phone: accounts.phone,
      profileName: seekerProfiles.name,
      gender: seekerProfiles.gender,
      birthDate: seekerProfiles.birthDate,
      registryName: personnelRegistry.name,
      region: personnelRegistry.region,
      domain: personnelRegistry.certificationDomain,
      positionLevel: personnelRegistry.positionLevel,
      certificateNumber: personnelRegistry.certificateNumber,
    })
    .from(accounts)
    .leftJoin(seekerProfiles, eq(seekerProfiles.accountId, accounts.id))
    .leftJoin(personnelRegistry, eq(personnelRegistry.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  return row ?? null;
}

/** Optimistic save: null when the version moved on (another device saved first). */
export async function updateResumeContent(
  q: Queryable,
  accountId: string,
  content: ResumeContent,
  version: number,
): Promise<ResumeRow | null> {
  const [row] = await q
    .update(resumes)
    .set({
      content: content as Record<string, unknown>,
      version: sql`${resumes.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(resumes.accountId, accountId), eq(resumes.version, version)))
    .returning();
  return row ?? null;
}

/** The seeker's one-time confirmation: null when the facts were confirmed already. */
export async function confirmFactsOnce(
  q: Queryable,
  accountId: string,
  facts: ConfirmFactsInput,
): Promise<ResumeRow | null> {
  const [row] = await q
    .update(resumes)
    .set({ ...facts, factsConfirmedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(resumes.accountId, accountId), isNull(resumes.factsConfirmedAt)))
    .returning();
  return row ?? null;
}

/** Staff correction; keeps the facts confirmed. */
export async function overwriteFacts(q: Queryable, accountId: string, facts: ConfirmFactsInput) {
  const [row] = await q
    .update(resumes)
    .set({
      ...facts,
      factsConfirmedAt: sql`coalesce(${resumes.factsConfirmedAt}, now())`,
      updatedAt: new Date(),
    })
    .where(eq(resumes.accountId, accountId))
    .returning();
  return row ?? null;
}

/* ---------- attachments ---------- */
const attachmentColumns = {
  id: resumeAttachments.id,
  accountId: resumeAttachments.accountId,
  fileName: files.fileName,
  mimeType: files.mimeType,
  sizeBytes: files.sizeBytes,
  storageKey: files.storageKey,
  createdAt: resumeAttachments.createdAt,
};
export type AttachmentRow = {
  id: string;
  accountId: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  storageKey: string;
  createdAt: Date;
};

export async function listAttachments(q: Queryable, accountId: string): Promise<AttachmentRow[]> {
  return q
    .select(attachmentColumns)
    .from(resumeAttachments)
    .innerJoin(files, eq(files.id, resumeAttachments.fileId))
    .where(and(eq(resumeAttachments.accountId, accountId), isNull(resumeAttachments.deletedAt)))
    .orderBy(desc(resumeAttachments.createdAt));
}

export async function findAttachment(q: Queryable, id: string): Promise<AttachmentRow | null> {
  const [row] = await q
    .select(attachmentColumns)
    .from(resumeAttachments)
    .innerJoin(files, eq(files.id, resumeAttachments.fileId))
    .where(and(eq(resumeAttachments.id, id), isNull(resumeAttachments.deletedAt)));
  return row ?? null;
}

/** The attachment row of a file saveUpload has recorded. */
export async function insertAttachment(
  q: Queryable,
  input: { accountId: string; fileId: string },
): Promise<string> {
  const [attachment] = await q
    .insert(resumeAttachments)
    .values(input)
    .returning({ id: resumeAttachments.id });
  return attachment!.id;
}

export async function countAttachments(q: Queryable, accountId: string): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(resumeAttachments)
    .where(and(eq(resumeAttachments.accountId, accountId), isNull(resumeAttachments.deletedAt)));
  return row?.n ?? 0;
}

export async function softDeleteAttachment(q: Queryable, id: string, accountId: string) {
  const rows = await q
    .update(resumeAttachments)
    .set({ deletedAt: new Date() })
    .where(
      and(
        eq(resumeAttachments.id, id),
        eq(resumeAttachments.accountId, accountId),
        isNull(resumeAttachments.deletedAt),
      ),
    )
    .returning({ id: resumeAttachments.id });
  return rows.length > 0;
}

/* ---------- access by organizations ---------- */
/** The newest application of the seeker to this organization that still shares the resume. */
export async function findSharingApplication(
  q: Queryable,
  seekerAccountId: string,
  organizationId: string,
  attachmentId?: string,
): Promise<{ id: string } | null> {
  const [row] = await q
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.seekerAccountId, seekerAccountId),
        eq(applications.organizationId, organizationId),
        // an attachment only through an application it was sent with
        attachmentId ? eq(applications.attachmentId, attachmentId) : undefined,
        sql`${applications.status} <> 'withdrawn'`,
        // withdrawing the consent given by applying stops further sharing (privacy module)
        sql`not exists (select 1 from consents c
              where c.account_id = ${applications.seekerAccountId} and c.purpose = 'resume_share'
                and c.reference = 'application:' || ${applications.id}::text
                and c.withdrawn_at is not null)`,
      ),
    )
    .orderBy(desc(applications.createdAt))
    .limit(1);
  return row ?? null;
}

export async function recordResumeAccess(
  q: Queryable,
  entry: {
    seekerAccountId: string;
    organizationId: string;
    actorAccountId: string;
    kind: 'view' | 'download';
    attachmentId?: string | null;
    applicationId?: string | null;
  },
) {
  await q.insert(resumeAccessLog).values(entry);
}

export async function listResumeAccess(q: Queryable, seekerAccountId: string) {
  return q
    .select({
      id: resumeAccessLog.id,
      organizationName: organizations.name,
      kind: resumeAccessLog.kind,
      attachmentName: files.fileName,
      jobTitle: jobPostings.title,
      createdAt: resumeAccessLog.createdAt,
    })
    .from(resumeAccessLog)
    .innerJoin(organizations, eq(organizations.id, resumeAccessLog.organizationId))
    .leftJoin(resumeAttachments, eq(resumeAttachments.id, resumeAccessLog.attachmentId))
    .leftJoin(files, eq(files.id, resumeAttachments.fileId))
    .leftJoin(applications, eq(applications.id, resumeAccessLog.applicationId))
    .leftJoin(jobPostings, eq(jobPostings.id, applications.jobId))
    .where(eq(resumeAccessLog.seekerAccountId, seekerAccountId))
    .orderBy(desc(resumeAccessLog.createdAt), desc(resumeAccessLog.id))
    .limit(200);
}

/**
 * Graduates with an account in the staff member's scope (a school's, a college's; everyone's
 * for platform admins), found by name or student number, with their confirmed facts.
 */
export async function findStaffSeekers(
  q: Queryable,
  scope: { schoolId?: string; collegeId?: string },
  search: string,
) {
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return queryRows<{
    account_id: string;
    name: string;
    student_number: string;
    graduation_year: number;
    major: string | null;
    education_level: string | null;
    political_status: string | null;
    facts_confirmed_at: Date | string | null;
  }>(
    q,
    sql`select g.account_id, g.name, g.student_number, g.graduation_year, g.major,
               r.education_level, r.political_status, r.facts_confirmed_at
        from graduate_records g
        left join resumes r on r.account_id = g.account_id
        where g.account_id is not null
          ${scope.schoolId ? sql`and g.school_id = ${scope.schoolId}` : sql``}
          ${scope.collegeId ? sql`and g.college_id = ${scope.collegeId}` : sql``}
          and (g.name like ${like} or g.student_number like ${like})
        order by g.graduation_year desc, g.student_number
        limit 20`,
  );
}
