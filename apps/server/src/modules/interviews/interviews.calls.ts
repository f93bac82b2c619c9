import { sql } from 'drizzle-orm';
import { callTransitions, type CallEvent, type CallStatus } from '@hirehall/shared/interviews';
import { nextState } from '@hirehall/shared/workflow';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { interviewCalls } from './interviews.tables.ts';
import type { CallRow } from './interviews.repo.ts';

const columns = sql`id, interview_id, status, created_at, answered_at, ended_at`;

export async function findCall(q: Queryable, id: string) {
  const [row] = await queryRows<CallRow & { seeker_account_id: string; organization_id: string }>(
    q,
    sql`select c.id, c.interview_id, c.status, c.created_at, c.answered_at, c.ended_at,
          i.seeker_account_id, i.organization_id
        from interview_calls c join interviews i on i.id = c.interview_id
        where c.id = ${id}`,
  );
  return row ?? null;
}

/**
 * The only code that writes `interview_calls.status`: the shared call table decides, the
 * update runs `WHERE status = from` (zero rows → CONFLICT), so two processes racing (a
 * timeout against an answer) leave one winner.
 */
export async function transitionCall(q: Queryable, id: string, from: CallStatus, event: CallEvent) {
  const to = nextState(callTransitions, from, event);
  if (!to) throw new AppError('CONFLICT', '通话状态已变化');
  const answered = event === 'accept' ? sql`, answered_at = now()` : sql``;
  const ended = to !== 'connected' && to !== 'ringing' ? sql`, ended_at = now()` : sql``;
  const [row] = await queryRows<CallRow>(
    q,
    sql`update interview_calls set status = ${to} ${answered} ${ended}
        where id = ${id} and status = ${from} returning ${columns}`,
  );
  if (!row) throw new AppError('CONFLICT', '通话状态已变化');
  return row;
}

export async function insertCall(q: Queryable, interviewId: string, startedBy: string) {
  const [row] = await q
    .insert(interviewCalls)
    .values({ interviewId, startedBy })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', '正在呼叫该求职者，请稍候');
  return (await findCall(q, row.id))!;
}

/** A ringing call older than the ring time is missed, whichever process notices first. */
export function isStaleRinging(call: CallRow, ringSeconds: number, now = Date.now()) {
  return (
    call.status === 'ringing' && new Date(call.created_at).getTime() + ringSeconds * 1000 <= now
  );
}

export async function listCalls(q: Queryable, interviewId: string) {
  return queryRows<CallRow>(
    q,
    sql`select ${columns} from interview_calls where interview_id = ${interviewId}
        order by created_at`,
  );
}
