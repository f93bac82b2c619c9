import sanitizeHtml from 'sanitize-html';
import { sql } from 'drizzle-orm';
import {
  fairTransitions,
  signupTransitions,
  type FairInput,
  type FairStatus,
  type SignupStatus,
} from '@hirehall/shared/jobfairs';
import { nextState } from '@hirehall/shared/workflow';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { assertOrganizationActive } from '../jobs/jobs.policy.ts';
import {
  assertAdmittedAtSchool,
  assertSchoolOwnsFair,
  assertSchoolOwnsSignup,
} from './jobfairs.policy.ts';

/** The introduction is rich text: only formatting tags and http(s) links survive. */
export function sanitizeIntroduction(html: string) {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'ul',
      'ol',
      'li',
      'h3',
      'h4',
      'h5',
      'blockquote',
      'a',
      'span',
      'table',
      'thead',
      'tbody',
      'tr',
      'td',
      'th',
    ],
    allowedAttributes: { a: ['href', 'target', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
    },
  });
}

function fairValues(input: FairInput) {
  return {
    title: input.title,
    type: input.type,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    city: input.city,
    district: input.district ?? null,
    address: input.address,
    introduction: sanitizeIntroduction(input.introduction),
    invitation: sanitizeHtml(input.invitation, { allowedTags: [], allowedAttributes: {} }),
  };
}

export async function createFair(tx: Queryable, actor: Actor, input: FairInput) {
  const v = fairValues(input);
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into job_fairs (school_id, title, type, starts_at, ends_at, city, district, address,
        introduction, invitation, created_by)
      values (${actor.organizationId}, ${v.title}, ${v.type}, ${v.startsAt.toISOString()},
        ${v.endsAt.toISOString()}, ${v.city}, ${v.district}, ${v.address}, ${v.introduction},
        ${v.invitation}, ${actor.accountId})
      returning id`,
  );
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'fair.create',
    targetType: 'job_fair',
    targetId: row!.id,
    details: { title: v.title },
  });
  return row!.id;
}

export async function updateFair(tx: Queryable, actor: Actor, id: string, input: FairInput) {
  const status = await assertSchoolOwnsFair(tx, actor, id);
  if (status === 'closed') throw new AppError('CONFLICT', '招聘会已结束，不能再编辑');
  const v = fairValues(input);
  await tx.execute(sql`update job_fairs set title = ${v.title}, type = ${v.type},
      starts_at = ${v.startsAt.toISOString()}, ends_at = ${v.endsAt.toISOString()},
      city = ${v.city}, district = ${v.district}, address = ${v.address},
      introduction = ${v.introduction}, invitation = ${v.invitation}, updated_at = now()
    where id = ${id}`);
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'fair.update',
    targetType: 'job_fair',
    targetId: id,
    details: { title: v.title, status },
  });
}

export async function changeFairState(
  tx: Queryable,
  actor: Actor,
  id: string,
  event: 'publish' | 'close',
) {
  const from = (await assertSchoolOwnsFair(tx, actor, id)) as FairStatus;
  const to = nextState(fairTransitions, from, event);
  if (!to) throw new AppError('CONFLICT');
  const stamp = event === 'publish' ? sql`published_at = now()` : sql`closed_at = now()`;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update job_fairs set status = ${to}, ${stamp}, updated_at = now()
      where id = ${id} and status = ${from} returning id`,
  );
  if (!rows.length) throw new AppError('CONFLICT');
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: `fair.${event}`,
    targetType: 'job_fair',
    targetId: id,
  });
}

/** 单位报名参加: a new sign-up, or a rejected one applying again. */
export async function signUpForFair(tx: Queryable, actor: Actor, fairId: string, note?: string) {
  const [fair] = await queryRows<{ school_id: string; status: string }>(
    tx,
    sql`select school_id, status from job_fairs where id = ${fairId}`,
  );
  if (!fair || fair.status === 'draft') throw new AppError('NOT_FOUND');
  if (fair.status !== 'published') throw new AppError('CONFLICT', '招聘会已结束，不能报名');
  await assertOrganizationActive(tx, actor.organizationId!);
  await assertAdmittedAtSchool(tx, actor.organizationId!, fair.school_id);
  const [existing] = await queryRows<{ id: string; status: 'pending' | 'approved' | 'rejected' }>(
    tx,
    sql`select id, status from fair_signups where fair_id = ${fairId}
      and employer_id = ${actor.organizationId} for update`,
  );
  if (existing) {
    const to = nextState(signupTransitions, existing.status, 'reapply');
    if (!to) throw new AppError('DUPLICATE', '已报名该招聘会');
    await tx.execute(sql`update fair_signups set status = 'pending', note = ${note ?? null},
      reason = null, reviewed_by = null, reviewed_at = null
      where id = ${existing.id} and status = 'rejected'`);
    return existing.id;
  }
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into fair_signups (fair_id, employer_id, note)
      values (${fairId}, ${actor.organizationId}, ${note ?? null}) returning id`,
  );
  return row!.id;
}

export async function reviewSignup(
  tx: Queryable,
  actor: Actor,
  signupId: string,
  decision: { approve: true } | { approve: false; reason: string },
) {
  const signup = await assertSchoolOwnsSignup(tx, actor, signupId);
  const event = decision.approve ? 'approve' : 'reject';
  const to = nextState(signupTransitions, signup.status as SignupStatus, event);
  if (!to) throw new AppError('CONFLICT');
  const reason = decision.approve ? null : decision.reason;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update fair_signups set status = ${to}, reason = ${reason},
      reviewed_by = ${actor.accountId}, reviewed_at = now()
      where id = ${signupId} and status = ${signup.status} returning id`,
  );
  if (!rows.length) throw new AppError('CONFLICT');
  const [fair] = await queryRows<{ title: string }>(
    tx,
    sql`select title from job_fairs where id = ${signup.fair_id}`,
  );
  await appendEvent(tx, {
    kind: 'fair_signup.reviewed',
    recipientOrganizationIds: [signup.employer_id],
    payload: {
      fairId: signup.fair_id,
      signupId,
      approved: decision.approve,
      reason,
      title: decision.approve ? '招聘会报名已通过' : '招聘会报名未通过',
      body: decision.approve
        ? `「${fair?.title ?? ''}」报名审核通过，请选择参会职位`
        : `「${fair?.title ?? ''}」报名未通过：${reason}`,
      link: '/employer/jobfairs',
    },
  });
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: `fair_signup.${event}`,
    targetType: 'fair_signup',
    targetId: signupId,
    details: reason ? { reason } : null,
  });
}

/** The approved employer chooses which of its live postings show at the fair. */
export async function chooseFairJobs(
  tx: Queryable,
  actor: Actor,
  fairId: string,
  jobIds: string[],
) {
  const employerId = actor.organizationId!;
  await assertOrganizationActive(tx, employerId);
  const [signup] = await queryRows<{ status: string }>(
    tx,
    sql`select status from fair_signups where fair_id = ${fairId} and employer_id = ${employerId}
      for update`,
  );
  if (!signup) throw new AppError('NOT_FOUND');
  if (signup.status !== 'approved') {
    throw new AppError('CONFLICT', '报名审核通过后才能选择参会职位');
  }
  const unique = [...new Set(jobIds)];
  if (unique.length) {
    const own = await queryRows<{ id: string }>(
      tx,
      sql`select id from job_postings where organization_id = ${employerId}
        and deleted_at is null and status = 'published'
        and id in (${sql.join(
          unique.map((id) => sql`${id}`),
          sql`, `,
        )})`,
    );
    if (own.length !== unique.length) {
      throw new AppError('NOT_FOUND', '只能选择本单位招聘中的职位');
    }
  }
  await tx.execute(
    sql`delete from fair_jobs where fair_id = ${fairId} and employer_id = ${employerId}`,
  );
  for (const jobId of unique) {
    await tx.execute(sql`insert into fair_jobs (fair_id, job_id, employer_id)
      values (${fairId}, ${jobId}, ${employerId})`);
  }
}
