import { and, eq, sql } from 'drizzle-orm';
import {
  interviewEventActors,
  interviewTransitions,
  type InterviewEvent,
  type InterviewStatus,
} from '@hirehall/shared/interviews';
import { nextState } from '@hirehall/shared/workflow';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { interviews } from './interviews.tables.ts';

export type InterviewTableRow = typeof interviews.$inferSelect;

export interface InterviewTransition {
  interviewId: string;
  event: InterviewEvent;
  /** the state the caller read and authorized against */
  from: InterviewStatus;
  actor: { accountId: string; role: string };
  /** columns the event changes besides the status (new time on reschedule, the result…) */
  patch?: Partial<
    Pick<
      InterviewTableRow,
      | 'startsAt'
      | 'durationMinutes'
      | 'mode'
      | 'place'
      | 'contactName'
      | 'contactPhone'
      | 'notes'
      | 'result'
      | 'resultNotes'
    >
  >;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The only code that writes `interviews.status`: asks the shared table, updates
 * `WHERE status = from` (zero rows → CONFLICT) and writes the audit row in the caller's
 * transaction. A seeker's own action marks the notice seen; an employer's change makes it NEW
 * again, except the result, which the seeker is not shown.
 */
export async function transitionInterview(q: Queryable, input: InterviewTransition) {
  const to = nextState(interviewTransitions, input.from, input.event);
  if (!to) throw new AppError('CONFLICT', '面试状态已变化，不能执行此操作');
  const bySeeker = interviewEventActors[input.event] === 'seeker';
  const seenAt = bySeeker
    ? sql`now()`
    : input.event === 'complete'
      ? sql`case when ${interviews.seenAt} >= ${interviews.updatedAt} then now() else ${interviews.seenAt} end`
      : undefined;
  const [row] = await q
    .update(interviews)
    .set({
      ...input.patch,
      status: to,
      updatedAt: sql`now()`,
      // the first confirmation issues the calendar (SEQUENCE 0); every later change supersedes it
      calendarSequence:
        input.event === 'confirm'
          ? sql`coalesce(${interviews.calendarSequence} + 1, 0)`
          : sql`${interviews.calendarSequence} + 1`,
      ...(seenAt ? { seenAt } : {}),
    })
    .where(and(eq(interviews.id, input.interviewId), eq(interviews.status, input.from)))
    .returning();
  if (!row) throw new AppError('CONFLICT', '面试状态已变化，请刷新后重试');
  await recordAudit(q, {
    actorAccountId: input.actor.accountId,
    actorRole: input.actor.role,
    action: `interview.${input.event}`,
    targetType: 'interview',
    targetId: row.id,
    ip: input.ip ?? null,
    details: { from: input.from, to, ...input.details },
  });
  return row;
}
