import { and, eq, sql } from 'drizzle-orm';
import {
  applicationEventActors,
  applicationTransitions,
  type ApplicationEvent,
  type ApplicationMark,
} from '@hirehall/shared/applications';
import { nextState } from '@hirehall/shared/workflow';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { applications } from './applications.tables.ts';

export type ApplicationRow = typeof applications.$inferSelect;

export interface TransitionInput {
  applicationId: string;
  event: ApplicationEvent;
  actor: { accountId: string; role: string };
  /** expected current state; defaults to the state read now */
  from?: ApplicationRow['status'];
  /** the mark, for the `mark` event */
  mark?: ApplicationMark | null;
  ip?: string;
}

/**
 * The only code that writes `applications.status`: asks the shared transition table,
 * updates `WHERE status = from` (zero rows → CONFLICT), writes the audit row and the outbox
 * event in the caller's transaction. The caller has already authorized the actor; the
 * interviews module calls it for `invite`, `cancel_invitation` and `decline_interview`.
 */
export async function transitionApplication(q: Queryable, input: TransitionInput) {
  const [current] = await q
    .select({ status: applications.status })
    .from(applications)
    .where(eq(applications.id, input.applicationId));
  if (!current) throw new AppError('NOT_FOUND');
  const from = input.from ?? current.status;
  const to = nextState(applicationTransitions, from, input.event);
  if (!to || from !== current.status) {
    throw new AppError('CONFLICT', '应聘记录的状态已变化，不能执行此操作');
  }
  const [row] = await q
    .update(applications)
    .set({
      status: to,
      updatedAt: new Date(),
      ...(input.event === 'mark' ? { mark: input.mark ?? null } : {}),
      ...(to === 'withdrawn' ? { withdrawnAt: sql`now()` } : {}),
    })
    .where(and(eq(applications.id, input.applicationId), eq(applications.status, from)))
    .returning();
  if (!row) throw new AppError('CONFLICT', '应聘记录的状态已变化，请刷新后重试');
  await recordAudit(q, {
    actorAccountId: input.actor.accountId,
    actorRole: input.actor.role,
    action: `application.${input.event}`,
    targetType: 'application',
    targetId: row.id,
    ip: input.ip ?? null,
    details: { from, to, ...(input.event === 'mark' ? { mark: row.mark } : {}) },
  });
  // marks are the employer's own notes: nobody is notified
  const bySeeker = applicationEventActors[input.event] === 'seeker';
  const internal = input.event === 'mark';
  await appendEvent(q, {
    kind: `application.${input.event}`,
    recipientAccountIds: bySeeker || internal ? [] : [row.seekerAccountId],
    recipientOrganizationIds: bySeeker ? [row.organizationId] : [],
    payload: { applicationId: row.id, jobId: row.jobId, from, to },
  });
  return row;
}
