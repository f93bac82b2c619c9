import { sql } from 'drizzle-orm';
import {
  overlaps,
  type AgendaItem,
  type HallQueue,
  type QueuePosition,
} from '@hirehall/shared/interviews';
import type { Db } from '../../platform/db/database.ts';
import type { RealtimeHub } from '../../platform/realtime/realtime.ts';
import {
  activeCallsOf,
  findInterview,
  selectInterviews,
  toCall,
  toInterview,
  todayInChina,
} from './interviews.repo.ts';
import { assertSeekerOf, type PartyActor } from './interviews.policy.ts';
import { isStaleRinging } from './interviews.calls.ts';

/** 当日面试队列: today's confirmed video interviews in time order, with presence and calls. */
export async function loadHallQueue(
  db: Db,
  realtime: RealtimeHub,
  organizationId: string,
  ringSeconds: number,
  now = new Date(),
): Promise<HallQueue> {
  const { start, end, date } = todayInChina(now);
  const rows = await selectInterviews(
    db,
    sql`i.organization_id = ${organizationId} and i.mode = 'video'
        and i.status in ('confirmed', 'done')
        and i.starts_at >= ${start.toISOString()} and i.starts_at < ${end.toISOString()}`,
  );
  const online = await realtime.onlineAmong([...new Set(rows.map((r) => r.seeker_account_id))]);
  const calls = await activeCallsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    date,
    ringSeconds,
    items: rows.map((r) => {
      const call = calls.get(r.id);
      return {
        ...toInterview(r, 'employer'),
        online: online.has(r.seeker_account_id),
        activeCall: call && !isStaleRinging(call, ringSeconds) ? toCall(call) : null,
      };
    }),
  };
}

/** The seeker's place in the employer's queue today and an estimated wait. */
export async function loadQueuePosition(
  db: Db,
  actor: PartyActor,
  interviewId: string,
  ringSeconds: number,
  now = new Date(),
): Promise<QueuePosition> {
  const row = assertSeekerOf(actor, await findInterview(db, interviewId));
  const call = (await activeCallsOf(db, [row.id])).get(row.id);
  const activeCall = call && !isStaleRinging(call, ringSeconds) ? toCall(call) : null;
  const { start, end } = todayInChina(now);
  const queue = await selectInterviews(
    db,
    sql`i.organization_id = ${row.organization_id} and i.mode = 'video' and i.status = 'confirmed'
        and i.starts_at >= ${start.toISOString()} and i.starts_at < ${end.toISOString()}`,
  );
  const index = queue.findIndex((r) => r.id === row.id);
  if (index < 0) {
    return {
      interviewId,
      position: null,
      ahead: 0,
      estimatedWaitMinutes: null,
      activeCall,
      ringSeconds,
    };
  }
  const aheadMinutes = queue.slice(0, index).reduce((sum, r) => sum + r.duration_minutes, 0);
  const untilStart = Math.ceil((new Date(row.starts_at).getTime() - now.getTime()) / 60_000);
  return {
    interviewId,
    position: index + 1,
    ahead: index,
    estimatedWaitMinutes: activeCall ? 0 : Math.max(0, untilStart, aheadMinutes),
    activeCall,
    ringSeconds,
  };
}

/** Every interview of the seeker across employers, with overlapping open ones flagged. */
export async function loadAgenda(db: Db, seekerAccountId: string): Promise<AgendaItem[]> {
  const rows = await selectInterviews(
    db,
    sql`i.seeker_account_id = ${seekerAccountId}
        and (i.status in ('invited', 'attending', 'confirmed')
             or i.starts_at > now() - interval '30 days')`,
  );
  const items = rows.map((r) => toInterview(r, 'seeker'));
  const open = items.filter((i) => ['invited', 'attending', 'confirmed'].includes(i.status));
  return items.map((item) => ({
    ...item,
    clashesWith: open.includes(item)
      ? open.filter((o) => o.id !== item.id && overlaps(o, item)).map((o) => o.id)
      : [],
  }));
}
