import { and, eq, sql } from 'drizzle-orm';
import {
  interviewModeLabels,
  type InterviewDetails,
  type InterviewEvent,
  type InterviewResult,
} from '@hirehall/shared/interviews';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { applications } from '../applications/applications.tables.ts';
import { transitionApplication } from '../applications/applications.workflow.ts';
import { interviews, interviewJobs } from './interviews.tables.ts';
import { transitionInterview } from './interviews.workflow.ts';
import { findInterview, formatChinaTime, type InterviewRow } from './interviews.repo.ts';
import { calendarAttachment, type CalendarSettings } from './interviews.ics.ts';
import { assertEmployerOf, assertSeekerOf, isEmployerSide } from './interviews.policy.ts';

export interface Acting {
  actor: Actor;
  ip?: string | null;
}

const seekerLink = (id: string) => `/seeker/interviews?id=${id}`;
const employerLink = '/employer/interview-hall';

function detailsPatch(d: InterviewDetails) {
  return {
    startsAt: new Date(d.startsAt),
    durationMinutes: d.durationMinutes,
    mode: d.mode,
    place: d.place,
    contactName: d.contactName,
    contactPhone: d.contactPhone,
    notes: d.notes,
  };
}

function assertFuture(startsAt: string) {
  if (Date.parse(startsAt) < Date.now() - 5 * 60_000) {
    throw new AppError('VALIDATION_FAILED', '面试时间不能早于当前时间');
  }
}

/** 面试邀约 on an application of the employer's own posting. */
export async function inviteToInterview(
  tx: Tx,
  { actor, ip }: Acting,
  input: InterviewDetails & { applicationId: string },
) {
  if (!isEmployerSide(actor) || !actor.organizationId) throw new AppError('FORBIDDEN');
  const [application] = await tx
    .select()
    .from(applications)
    .where(eq(applications.id, input.applicationId))
    .for('update');
  if (!application || application.organizationId !== actor.organizationId) {
    throw new AppError('NOT_FOUND');
  }
  assertFuture(input.startsAt);
  if (application.status === 'submitted' || application.status === 'viewed') {
    await transitionApplication(tx, {
      applicationId: application.id,
      event: 'invite',
      actor,
      from: application.status,
      ip: ip ?? undefined,
    });
  } else if (application.status !== 'invited') {
    throw new AppError('CONFLICT', '该应聘记录已作废或已撤销，不能发起面试邀约');
  }
  const [row] = await tx
    .insert(interviews)
    .values({
      applicationId: application.id,
      organizationId: application.organizationId,
      seekerAccountId: application.seekerAccountId,
      jobId: application.jobId,
      invitedBy: actor.accountId,
      ...detailsPatch(input),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('DUPLICATE', '该应聘已有进行中的面试邀约，请在原邀约上改期');
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'interview.invite',
    targetType: 'interview',
    targetId: row.id,
    ip: ip ?? null,
    details: { applicationId: application.id, startsAt: row.startsAt.toISOString() },
  });
  const view = (await findInterview(tx, row.id))!;
  await notifySeeker(tx, view, 'interview.invited', '面试邀约', inviteBody(view));
  return view;
}

function inviteBody(row: InterviewRow) {
  return `${row.organization_name}邀请您参加“${row.job_title}”${interviewModeLabels[row.mode]}，时间：${formatChinaTime(row.starts_at)}。请在“面试日程”中选择参加或不参加。`;
}

function noticeBody(row: InterviewRow) {
  return [
    `${row.organization_name}已确认“${row.job_title}”面试`,
    `面试时间：${formatChinaTime(row.starts_at)}`,
    `面试方式：${interviewModeLabels[row.mode]}`,
    `面试地点：${row.place || (row.mode === 'video' ? '面试大厅（视频）' : '—')}`,
    `单位联系人：${row.contact_name}`,
    `电话：${row.contact_phone}`,
    row.notes ? `备注：${row.notes}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

async function notifySeeker(
  tx: Tx,
  row: InterviewRow,
  kind: string,
  title: string,
  body: string,
  extra: Record<string, unknown> = {},
) {
  await appendEvent(tx, {
    kind,
    recipientAccountIds: [row.seeker_account_id],
    payload: { interviewId: row.id, title, body, link: seekerLink(row.id), ...extra },
  });
}

async function notifyEmployer(
  tx: Tx,
  row: InterviewRow,
  kind: string,
  title: string,
  body: string,
) {
  await appendEvent(tx, {
    kind,
    recipientOrganizationIds: [row.organization_id],
    payload: { interviewId: row.id, title, body, link: employerLink },
  });
}

async function loadForUpdate(tx: Tx, id: string) {
  await tx.execute(sql`select id from interviews where id = ${id} for update`);
  return findInterview(tx, id);
}

/** 参加面试 / 不参加面试. Declining voids the application. */
export async function answerInterview(
  tx: Tx,
  { actor, ip }: Acting,
  id: string,
  event: Extract<InterviewEvent, 'attend' | 'decline'>,
) {
  const row = assertSeekerOf(actor, await loadForUpdate(tx, id));
  const [application] = await tx
    .select({ status: applications.status })
    .from(applications)
    .where(eq(applications.id, row.application_id));
  if (application?.status !== 'invited') {
    throw new AppError('CONFLICT', '该应聘记录已撤销或作废，不能回复面试邀约');
  }
  await transitionInterview(tx, { interviewId: id, event, from: row.status, actor, ip });
  if (event === 'decline') {
    await transitionApplication(tx, {
      applicationId: row.application_id,
      event: 'decline_interview',
      actor,
      from: 'invited',
      ip: ip ?? undefined,
    });
  }
  const view = (await findInterview(tx, id))!;
  await notifyEmployer(
    tx,
    view,
    'interview.answered',
    event === 'attend' ? '求职者将参加面试' : '求职者不参加面试',
    `${view.seeker_name}${event === 'attend' ? '选择参加' : '选择不参加'}“${view.job_title}”面试（${formatChinaTime(view.starts_at)}）${event === 'attend' ? '，请确认面试' : ''}。`,
  );
  return view;
}

/**
 * The employer confirms an attending seeker: the detailed notice, a reminder. The notice's
 * email (when the seeker chose email for 面试通知) carries the .ics: one email, not two.
 */
export async function confirmInterview(
  tx: Tx,
  acting: Acting,
  id: string,
  settings: { reminderMinutes: number; calendar: CalendarSettings },
) {
  const row = assertEmployerOf(acting.actor, await loadForUpdate(tx, id));
  await transitionInterview(tx, {
    interviewId: id,
    event: 'confirm',
    from: row.status,
    actor: acting.actor,
    ip: acting.ip,
  });
  const view = (await findInterview(tx, id))!;
  await notifySeeker(tx, view, 'interview.confirmed', '面试通知', noticeBody(view), {
    emailAttachments: [calendarAttachment(view, settings.calendar)],
  });
  await scheduleReminder(tx, view, settings.reminderMinutes);
  return view;
}

/**
 * Once a calendar was issued (the interview had been confirmed), a change's email carries the
 * updated .ics: the same UID with a higher SEQUENCE, so the calendar entry moves or goes.
 */
function calendarUpdate(row: InterviewRow, calendar: CalendarSettings) {
  return row.calendar_sequence === null
    ? {}
    : { emailAttachments: [calendarAttachment(row, calendar)] };
}

export async function rescheduleInterview(
  tx: Tx,
  acting: Acting,
  id: string,
  input: InterviewDetails & { reason: string },
  calendar: CalendarSettings,
) {
  const row = assertEmployerOf(acting.actor, await loadForUpdate(tx, id));
  assertFuture(input.startsAt);
  await transitionInterview(tx, {
    interviewId: id,
    event: 'reschedule',
    from: row.status,
    actor: acting.actor,
    ip: acting.ip,
    patch: detailsPatch(input),
    details: { previousStartsAt: new Date(row.starts_at).toISOString(), startsAt: input.startsAt },
  });
  await cancelJobs(tx, id);
  const view = (await findInterview(tx, id))!;
  await notifySeeker(
    tx,
    view,
    'interview.changed',
    '面试改期',
    `${view.organization_name}将“${view.job_title}”面试改至${formatChinaTime(view.starts_at)}${input.reason ? `（${input.reason}）` : ''}，请重新选择是否参加。`,
    calendarUpdate(view, calendar),
  );
  return view;
}

export async function cancelInterview(
  tx: Tx,
  acting: Acting,
  id: string,
  reason: string,
  calendar: CalendarSettings,
) {
  const row = assertEmployerOf(acting.actor, await loadForUpdate(tx, id));
  await transitionInterview(tx, {
    interviewId: id,
    event: 'cancel',
    from: row.status,
    actor: acting.actor,
    ip: acting.ip,
    details: { reason },
  });
  await cancelJobs(tx, id);
  const [application] = await tx
    .select({ status: applications.status })
    .from(applications)
    .where(eq(applications.id, row.application_id));
  if (application?.status === 'invited') {
    await transitionApplication(tx, {
      applicationId: row.application_id,
      event: 'cancel_invitation',
      actor: acting.actor,
      from: 'invited',
      ip: acting.ip ?? undefined,
    });
  }
  const view = (await findInterview(tx, id))!;
  await notifySeeker(
    tx,
    view,
    'interview.changed',
    '面试取消',
    `${view.organization_name}取消了“${view.job_title}”面试（${formatChinaTime(view.starts_at)}）${reason ? `：${reason}` : ''}。`,
    calendarUpdate(view, calendar),
  );
  return view;
}

/** 合适 / 不合适 / 待定 with notes, and the interview ends. */
export async function completeInterview(
  tx: Tx,
  acting: Acting,
  id: string,
  input: { result: InterviewResult; notes: string },
) {
  const row = assertEmployerOf(acting.actor, await loadForUpdate(tx, id));
  await transitionInterview(tx, {
    interviewId: id,
    event: 'complete',
    from: row.status,
    actor: acting.actor,
    ip: acting.ip,
    patch: { result: input.result, resultNotes: input.notes },
    details: { result: input.result },
  });
  await cancelJobs(tx, id);
  return (await findInterview(tx, id))!;
}

/** The seeker opened the notice: it is no longer NEW. */
export async function markInterviewSeen(tx: Tx, actor: Actor, id: string) {
  assertSeekerOf(actor, await findInterview(tx, id));
  await tx
    .update(interviews)
    .set({ seenAt: sql`greatest(now(), ${interviews.updatedAt})` })
    .where(and(eq(interviews.id, id), eq(interviews.seekerAccountId, actor.accountId)));
  return (await findInterview(tx, id))!;
}

async function scheduleReminder(tx: Tx, row: InterviewRow, reminderMinutes: number) {
  const startsAt = new Date(row.starts_at).getTime();
  const now = Date.now();
  if (startsAt <= now) return;
  await tx.insert(interviewJobs).values({
    interviewId: row.id,
    kind: 'reminder',
    dueAt: new Date(Math.max(now, startsAt - reminderMinutes * 60_000)),
  });
}

async function cancelJobs(tx: Tx, interviewId: string) {
  await tx
    .update(interviewJobs)
    .set({ status: 'cancelled' })
    .where(and(eq(interviewJobs.interviewId, interviewId), eq(interviewJobs.status, 'pending')));
}
