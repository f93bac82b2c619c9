import { sql } from 'drizzle-orm';
import { parseResumeContent } from '@hirehall/shared/resumes';
import type { SigningResume } from '@hirehall/shared/agreements';
import { maskEmail } from '@hirehall/shared/talentpool';
import { maskPhone } from '@hirehall/shared/validators';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryRows, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { findResumeRow, recordResumeAccess } from '../resumes/resumes.repo.ts';
import { factsOf } from '../resumes/resumes.service.ts';
import { employerContextOf } from './agreements.policy.ts';
import { bindingAgreementSql } from './agreements.repo.ts';

/**
 * 简历 on the signing page: an employer admitted at the school for the year of its top-bar
 * context sees the online resume of an approved graduate of that school and year who is
 * signable, or with whom it already has an agreement. Anything else — another school, another
 * year, an employer not admitted — answers 404. Contacts are masked; the view is logged for
 * the graduate like any other resume access.
 */
export async function getSigningResume(
  db: Db,
  actor: Actor,
  graduateId: string,
): Promise<SigningResume> {
  const ctx = await employerContextOf(db, actor).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === 'NOT_ADMITTED' || err.code === 'FORBIDDEN')) {
      throw new AppError('NOT_FOUND');
    }
    throw err;
  });
  const [g] = await queryRows<{
    id: string;
    student_number: string;
    name: string;
    gender: 'male' | 'female' | null;
    college_name: string | null;
    major: string | null;
    degree: string | null;
    account_id: string | null;
  }>(
    db,
    sql`select g.id, g.student_number, g.name, g.gender, c.name as college_name, g.major,
               g.degree, g.account_id
          from graduate_records g left join colleges c on c.id = g.college_id
         where g.id = ${graduateId} and g.school_id = ${ctx.schoolId}
           and g.graduation_year = ${ctx.graduationYear} and g.status = 'approved'
           and (not exists (select 1 from agreements x
                             where x.graduate_record_id = g.id and ${bindingAgreementSql('x')})
                or exists (select 1 from agreements x
                            where x.graduate_record_id = g.id and x.employer_id = ${ctx.employerId}))`,
  );
  if (!g) throw new AppError('NOT_FOUND');
  const graduate = {
    id: g.id,
    studentNumber: g.student_number,
    name: g.name,
    gender: g.gender,
    collegeName: g.college_name,
    major: g.major,
    degree: g.degree,
  };
  const r = g.account_id ? await findResumeRow(db, g.account_id) : null;
  if (!r || !g.account_id) return { graduate, content: null, facts: null, updatedAt: null };
  await recordResumeAccess(db, {
    seekerAccountId: g.account_id,
    organizationId: ctx.employerId,
    actorAccountId: actor.accountId,
    kind: 'view',
  });
  const content = parseResumeContent(r.content);
  return {
    graduate,
    content: {
      ...content,
      basic: {
        ...content.basic,
        phone: maskPhone(content.basic.phone) ?? '',
        email: maskEmail(content.basic.email) ?? '',
      },
    },
    facts: factsOf(r),
    updatedAt: r.updatedAt.toISOString(),
  };
}
