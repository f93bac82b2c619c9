import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { graduateRecords } from '../organizations/organizations.tables.ts';
import { findSharingApplication } from './resumes.repo.ts';

/**
 * Who may correct a seeker's confirmed facts: platform admins for anyone; school staff for
 * the graduates of their school; college staff for the graduates of their college.
 * Anyone else — or a seeker outside the staff member's school — gets 404.
 */
export async function assertCanCorrectFacts(q: Queryable, actor: Actor, seekerAccountId: string) {
  const [seeker] = await q
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.id, seekerAccountId), eq(accounts.role, 'seeker')));
  if (!seeker) throw new AppError('NOT_FOUND');
  if (actor.role === 'admin') return;
  const scope =
    actor.role === 'college' && actor.collegeId
      ? eq(graduateRecords.collegeId, actor.collegeId)
      : actor.role === 'school' && actor.organizationId
        ? eq(graduateRecords.schoolId, actor.organizationId)
        : null;
  if (!scope) throw new AppError('NOT_FOUND');
  const [record] = await q
    .select({ id: graduateRecords.id })
    .from(graduateRecords)
    .where(and(eq(graduateRecords.accountId, seekerAccountId), scope))
    .limit(1);
  if (!record) throw new AppError('NOT_FOUND');
}

/** Which graduates a staff member may list for correcting facts; null: none. */
export function staffSeekerScope(actor: Actor): { schoolId?: string; collegeId?: string } | null {
  if (actor.role === 'admin') return {};
  if (actor.role === 'college' && actor.collegeId) return { collegeId: actor.collegeId };
  if (actor.role === 'school' && actor.organizationId) return { schoolId: actor.organizationId };
  return null;
}

/**
 * An organization sees a seeker's resume only while the seeker has a current application
 * to it (applying is the consent). With `attachmentId`, the application must also have been
 * sent with that attachment: the seeker's other attachments stay private. Returns the
 * authorizing application; otherwise 404.
 */
export async function assertOrganizationMaySeeResume(
  q: Queryable,
  actor: Actor,
  seekerAccountId: string,
  scope: { attachmentId?: string } = {},
): Promise<{ applicationId: string; organizationId: string }> {
  if (!actor.organizationId) throw new AppError('NOT_FOUND');
  const application = await findSharingApplication(
    q,
    seekerAccountId,
    actor.organizationId,
    scope.attachmentId,
  );
  if (!application) throw new AppError('NOT_FOUND');
  return { applicationId: application.id, organizationId: actor.organizationId };
}
