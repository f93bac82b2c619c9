import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  callStatuses,
  callTransitions,
  interviewEvents,
  interviewStatuses,
  interviewTransitions,
  overlaps,
  type CallEvent,
} from '@hirehall/shared/interviews';
import { nextState } from '@hirehall/shared/workflow';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { AppError } from '../../platform/errors.ts';
import { interviews, interviewCalls } from './interviews.tables.ts';
import { transitionInterview } from './interviews.workflow.ts';
import { transitionCall } from './interviews.calls.ts';
import { parties, details } from './interviews.fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The expected table, written out: a change to the shared table must change this too. */
const expected: Record<string, Record<string, string>> = {
  invited: { attend: 'attending', decline: 'declined', reschedule: 'invited', cancel: 'cancelled' },
  attending: { confirm: 'confirmed', reschedule: 'invited', cancel: 'cancelled' },
  confirmed: { reschedule: 'invited', cancel: 'cancelled', complete: 'done' },
  declined: {},
  cancelled: {},
  done: {},
};

async function interviewIn(status: (typeof interviewStatuses)[number]) {
  const p = await parties(t.database.db);
  const d = details();
  const [row] = await t.database.db
    .insert(interviews)
    .values({
      applicationId: p.application.id,
      organizationId: p.employer.organizationId!,
      seekerAccountId: p.seeker.accountId,
      jobId: p.job.id,
      status,
      startsAt: new Date(d.startsAt),
      mode: 'video',
      contactName: d.contactName,
      contactPhone: d.contactPhone,
    })
    .returning();
  return { row: row!, actor: { accountId: p.employer.accountId, role: 'employer' } };
}

describe('interview transition table', () => {
  for (const from of interviewStatuses) {
    for (const event of interviewEvents) {
      const to = expected[from]![event];
      it(`${from} --${event}--> ${to ?? 'refused'}`, async () => {
        expect(nextState(interviewTransitions, from, event)).toBe(to);
        const { row, actor } = await interviewIn(from);
        const run = t.database.db.transaction((tx) =>
          transitionInterview(tx, { interviewId: row.id, event, from, actor }),
        );
        if (to) {
          expect((await run).status).toBe(to);
        } else {
          await expect(run).rejects.toMatchObject({ code: 'CONFLICT' });
          const [after] = await t.database.db
            .select()
            .from(interviews)
            .where(eq(interviews.id, row.id));
          expect(after!.status).toBe(from);
        }
      });
    }
  }

  it('refuses a stale `from` (someone else moved it first)', async () => {
    const { row, actor } = await interviewIn('attending');
    await expect(
      t.database.db.transaction((tx) =>
        transitionInterview(tx, { interviewId: row.id, event: 'attend', from: 'invited', actor }),
      ),
    ).rejects.toBeInstanceOf(AppError);
  });
});

const expectedCalls: Record<string, Partial<Record<CallEvent, string>>> = {
  ringing: { accept: 'connected', decline: 'declined', timeout: 'missed', hangup: 'ended' },
  connected: { hangup: 'ended', drop: 'interrupted' },
  ended: {},
  declined: {},
  missed: {},
  interrupted: {},
};
const callEvents: CallEvent[] = ['accept', 'decline', 'timeout', 'hangup', 'drop'];

describe('call transition table', () => {
  for (const from of callStatuses) {
    for (const event of callEvents) {
      const to = expectedCalls[from]![event];
      it(`${from} --${event}--> ${to ?? 'refused'}`, async () => {
        expect(nextState(callTransitions, from, event)).toBe(to);
        const { row } = await interviewIn('confirmed');
        const [call] = await t.database.db
          .insert(interviewCalls)
          .values({ interviewId: row.id, status: from })
          .returning();
        const run = transitionCall(t.database.db, call!.id, from, event);
        if (to) {
          const after = await run;
          expect(after.status).toBe(to);
          expect(after.answered_at !== null).toBe(event === 'accept');
          expect(after.ended_at !== null).toBe(to !== 'connected');
        } else {
          await expect(run).rejects.toMatchObject({ code: 'CONFLICT' });
        }
      });
    }
  }
});

describe('clashes', () => {
  const at = (h: number, m = 0) =>
    `2030-01-01T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
  it('overlapping ranges clash; touching ones do not', () => {
    expect(
      overlaps(
        { startsAt: at(9), durationMinutes: 60 },
        { startsAt: at(9, 30), durationMinutes: 30 },
      ),
    ).toBe(true);
    expect(
      overlaps(
        { startsAt: at(9), durationMinutes: 30 },
        { startsAt: at(9, 30), durationMinutes: 30 },
      ),
    ).toBe(false);
    expect(
      overlaps({ startsAt: at(10), durationMinutes: 30 }, { startsAt: at(9), durationMinutes: 90 }),
    ).toBe(true);
  });
});
