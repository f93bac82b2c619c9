import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { queryRows } from '../../platform/db/database.ts';
import {
  notificationContacts,
  notificationPreferences,
} from '../notifications/notifications.tables.ts';
import { createApplication } from '../chat/chat.fixtures.ts';
import { runReminders } from './interviews.jobs.ts';
import { foldLine } from './interviews.ics.ts';
import { iceServersFor } from './interviews.ice.ts';
import { hallReadsOf } from './interviews.module.ts';
import {
  applicationStatus,
  atClock,
  confirmedInterview,
  details,
  get,
  hallClock,
  inMinutes,
  invite,
  parties,
  post,
} from './interviews.fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_INTERVIEW_REMINDER_MINUTES: '30' });
});
afterAll(() => t.close());
const db = () => t.database.db;

async function eventsFor(interviewId: string) {
  return queryRows<{ kind: string; recipient_account_ids: string[]; payload: { title?: string } }>(
    db(),
    sql`select kind, recipient_account_ids, payload from outbox_events
        where payload->>'interviewId' = ${interviewId} order by id`,
  );
}

describe('invitations', () => {
  it('the posting’s employer invites; the application becomes invited; the seeker is notified', async () => {
    const p = await parties(db());
    const res = await invite(t.app, p.employer, p.application.id);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'invited', mode: 'video', contactName: '王老师' });
    expect(await applicationStatus(db(), p.application.id)).toBe('invited');
    const events = await eventsFor(body.id);
    expect(events.map((e) => e.kind)).toEqual(['interview.invited']);
    expect(events[0]!.recipient_account_ids).toEqual([p.seeker.accountId]);

    // a second open invitation on the same application is refused
    expect((await invite(t.app, p.employer, p.application.id)).statusCode).toBe(409);
  });

  it('only the posting’s employer invites: another employer gets 404, a seeker 403', async () => {
    const p = await parties(db());
    const other = await signInAs(db(), 'employer');
    expect((await invite(t.app, other, p.application.id)).statusCode).toBe(404);
    expect((await invite(t.app, p.seeker, p.application.id)).statusCode).toBe(403);
    expect(await applicationStatus(db(), p.application.id)).toBe('submitted');
  });

  it('refuses a time in the past and bad input', async () => {
    const p = await parties(db());
    expect(
      (await invite(t.app, p.employer, p.application.id, { startsAt: inMinutes(-120) })).statusCode,
    ).toBe(400);
    expect(
      (await invite(t.app, p.employer, p.application.id, { contactPhone: 'abc' })).statusCode,
    ).toBe(400);
    expect((await invite(t.app, p.employer, p.application.id, { mode: 'phone' })).statusCode).toBe(
      400,
    );
  });

  it('the seeker sees NEW and no detail until confirmed; only the seeker answers', async () => {
    const p = await parties(db());
    const id = (await invite(t.app, p.employer, p.application.id)).json().id as string;
    const mine = (await get(t.app, p.seeker, '/api/interviews/mine')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id, isNew: true, place: null, contactPhone: null });

    const otherSeeker = await signInAs(db(), 'seeker');
    expect((await post(t.app, otherSeeker, `/api/interviews/${id}/attend`)).statusCode).toBe(404);
    expect((await get(t.app, otherSeeker, `/api/interviews/${id}`)).statusCode).toBe(404);
    expect((await post(t.app, p.employer, `/api/interviews/${id}/attend`)).statusCode).toBe(403);
    // the employer cannot confirm before the seeker attends
    expect((await post(t.app, p.employer, `/api/interviews/${id}/confirm`)).statusCode).toBe(409);

    expect((await post(t.app, p.seeker, `/api/interviews/${id}/seen`)).json().isNew).toBe(false);
    const attended = await post(t.app, p.seeker, `/api/interviews/${id}/attend`);
    expect(attended.json()).toMatchObject({ status: 'attending', isNew: false });

    const otherEmployer = await signInAs(db(), 'employer');
    expect((await post(t.app, otherEmployer, `/api/interviews/${id}/confirm`)).statusCode).toBe(
      404,
    );
    expect((await post(t.app, p.seeker, `/api/interviews/${id}/confirm`)).statusCode).toBe(403);
    const confirmed = await post(t.app, p.employer, `/api/interviews/${id}/confirm`);
    expect(confirmed.json().status).toBe('confirmed');

    const notice = (await get(t.app, p.seeker, `/api/interviews/${id}`)).json();
    expect(notice).toMatchObject({
      status: 'confirmed',
      isNew: true,
      contactName: '王老师',
      contactPhone: '021-12345678',
      notes: '请提前调试摄像头',
    });
    expect((await eventsFor(id)).map((e) => e.kind)).toEqual([
      'interview.invited',
      'interview.answered',
      'interview.confirmed',
    ]);
  });

  it('declining voids the application, which the seeker can then withdraw', async () => {
    const p = await parties(db());
    const id = (await invite(t.app, p.employer, p.application.id)).json().id as string;
    const res = await post(t.app, p.seeker, `/api/interviews/${id}/decline`);
    expect(res.json().status).toBe('declined');
    expect(await applicationStatus(db(), p.application.id)).toBe('voided');
    expect((await post(t.app, p.seeker, `/api/interviews/${id}/attend`)).statusCode).toBe(409);

    // the voided application is still in the current list, and the seeker withdraws it
    const current = (await get(t.app, p.seeker, '/api/applications?scope=current')).json();
    expect(current.items.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [p.application.id, 'voided'],
    ]);
    const withdrawn = await post(t.app, p.seeker, `/api/applications/${p.application.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().application.status).toBe('withdrawn');
    expect(await applicationStatus(db(), p.application.id)).toBe('withdrawn');
    const history = (await get(t.app, p.seeker, '/api/applications?scope=history')).json();
    expect(history.items.map((a: { id: string }) => a.id)).toEqual([p.application.id]);
    expect((await get(t.app, p.seeker, '/api/applications?scope=current')).json().items).toEqual(
      [],
    );
    // the declined interview stays on the agenda as 不参加
    const agenda = (await get(t.app, p.seeker, '/api/interviews/mine')).json().items;
    expect(agenda.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [id, 'declined'],
    ]);
  });

  it('reschedule returns to invited with the new time; cancel returns the application', async () => {
    const {
      employer,
      seeker,
      application,
      interviewId: id,
    } = await confirmedInterview(t.app, db());
    const later = inMinutes(24 * 60);
    const moved = await post(t.app, employer, `/api/interviews/${id}/reschedule`, {
      startsAt: later,
      mode: 'onsite',
      place: '上海市嘉定区 1 号楼',
      contactName: '李老师',
      contactPhone: '13800001234',
      reason: '面试官出差',
    });
    expect(moved.json()).toMatchObject({ status: 'invited', mode: 'onsite', startsAt: later });
    expect((await get(t.app, seeker, `/api/interviews/${id}`)).json()).toMatchObject({
      isNew: true,
      place: null,
    });
    const pendingJobs = await queryRows<{ status: string }>(
      db(),
      sql`select status from interview_jobs where interview_id = ${id} and kind = 'reminder'`,
    );
    expect(pendingJobs.map((j) => j.status)).toEqual(['cancelled']);

    const cancelled = await post(t.app, employer, `/api/interviews/${id}/cancel`, {
      reason: '岗位已满',
    });
    expect(cancelled.json().status).toBe('cancelled');
    expect(await applicationStatus(db(), application.id)).toBe('viewed');
    expect((await eventsFor(id)).map((e) => [e.kind, e.payload.title])).toEqual(
      expect.arrayContaining([
        ['interview.changed', '面试改期'],
        ['interview.changed', '面试取消'],
      ]),
    );
    // a cancelled interview cannot be rescheduled or cancelled again
    expect((await post(t.app, employer, `/api/interviews/${id}/cancel`, {})).statusCode).toBe(409);
  });

  it('the employer marks the result, which the seeker does not see', async () => {
    const { employer, seeker, interviewId: id } = await confirmedInterview(t.app, db());
    const done = await post(t.app, employer, `/api/interviews/${id}/result`, {
      result: 'suitable',
      notes: '沟通顺畅',
    });
    expect(done.json()).toMatchObject({
      status: 'done',
      result: 'suitable',
      resultNotes: '沟通顺畅',
    });
    expect((await get(t.app, seeker, `/api/interviews/${id}`)).json()).toMatchObject({
      status: 'done',
      result: null,
      resultNotes: null,
    });
    expect(
      (await post(t.app, employer, `/api/interviews/${id}/result`, { result: 'unsuitable' }))
        .statusCode,
    ).toBe(409);
  });
});

describe('agenda, calendar and reminders', () => {
  it('lists interviews across employers and flags clashes', async () => {
    const seeker = await signInAs(db(), 'seeker');
    const e1 = await signInAs(db(), 'employer');
    const e2 = await signInAs(db(), 'employer');
    const e3 = await signInAs(db(), 'employer');
    const a1 = (await createApplication(db(), e1, seeker)).application;
    const a2 = (await createApplication(db(), e2, seeker)).application;
    const a3 = (await createApplication(db(), e3, seeker)).application;
    const i1 = (
      await invite(t.app, e1, a1.id, { startsAt: inMinutes(120), durationMinutes: 60 })
    ).json().id;
    const i2 = (
      await invite(t.app, e2, a2.id, { startsAt: inMinutes(150), durationMinutes: 30 })
    ).json().id;
    const i3 = (await invite(t.app, e3, a3.id, { startsAt: inMinutes(600) })).json().id;
    const items = (await get(t.app, seeker, '/api/interviews/mine')).json().items as {
      id: string;
      clashesWith: string[];
      organizationName: string;
    }[];
    expect(items.map((i) => i.id)).toEqual([i1, i2, i3]);
    expect(items[0]!.clashesWith).toEqual([i2]);
    expect(items[1]!.clashesWith).toEqual([i1]);
    expect(items[2]!.clashesWith).toEqual([]);
    expect(new Set(items.map((i) => i.organizationName)).size).toBe(3);
  });

  it('serves an RFC 5545 calendar for a confirmed interview to its parties only', async () => {
    const p = await parties(db());
    const id = (
      await invite(t.app, p.employer, p.application.id, { notes: '带简历, 身份证;\n准时' })
    ).json().id;
    expect((await get(t.app, p.seeker, `/api/interviews/${id}/calendar.ics`)).statusCode).toBe(409);
    await post(t.app, p.seeker, `/api/interviews/${id}/attend`);
    await post(t.app, p.employer, `/api/interviews/${id}/confirm`);
    const res = await get(t.app, p.seeker, `/api/interviews/${id}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const ics = res.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain(`UID:interview-${id}@hirehall`);
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    expect(ics.replace(/\r\n /g, '')).toContain('带简历\\, 身份证\\;\\n准时');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(
      (await get(t.app, await signInAs(db(), 'seeker'), `/api/interviews/${id}/calendar.ics`))
        .statusCode,
    ).toBe(404);
  });

  it('a reschedule and a cancellation send the updated calendar: same UID, higher SEQUENCE', async () => {
    const p = await parties(db());
    await db()
      .insert(notificationContacts)
      .values({ accountId: p.seeker.accountId, email: 'zhao@example.cn' });
    for (const kind of ['interview.confirmed', 'interview.changed']) {
      await db()
        .insert(notificationPreferences)
        .values({ accountId: p.seeker.accountId, kind, channels: ['email'] });
    }
    const id = (await invite(t.app, p.employer, p.application.id)).json().id as string;
    const field = (ics: string, name: string) =>
      new RegExp(`^${name}[:;](.*)$`, 'm').exec(ics.replace(/\r\n /g, ''))?.[1];
    const mails = async () =>
      (
        await queryRows<{ content: string }>(
          db(),
          sql`select content from dev_outbox where recipient = 'zhao@example.cn' order by created_at`,
        )
      ).map((m) => m.content);
    /** The first mail holding every word; the app's own dispatcher may be delivering it. */
    const mailWith = async (...words: string[]) => {
      for (let tries = 0; tries < 50; tries++) {
        await t.app.dispatcher.runOnce();
        const mail = (await mails()).find((m) => words.every((w) => m.includes(w)));
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 200));
      }
      return undefined;
    };

    // invited, then rescheduled before any confirmation: no calendar was issued, none is sent
    await post(t.app, p.employer, `/api/interviews/${id}/reschedule`, details());
    await t.app.dispatcher.runOnce();
    expect((await mails()).some((m) => m.includes('BEGIN:VCALENDAR'))).toBe(false);

    await post(t.app, p.seeker, `/api/interviews/${id}/attend`);
    await post(t.app, p.employer, `/api/interviews/${id}/confirm`);
    const first = (await get(t.app, p.seeker, `/api/interviews/${id}/calendar.ics`)).body;
    expect(field(first, 'METHOD')).toBe('PUBLISH');
    expect(field(first, 'STATUS')).toBe('CONFIRMED');
    expect(field(first, 'SEQUENCE')).toBe('0');
    expect(field(first, 'UID')).toBe(`interview-${id}@hirehall`);
    expect(field(first, 'ORGANIZER')).toContain('mailto:no-reply@hirehall.local');

    // the confirmed interview moves: the change notice's email carries the moved event
    const later = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 24 * 3600_000);
    const moved = await post(t.app, p.employer, `/api/interviews/${id}/reschedule`, {
      ...details({ startsAt: later.toISOString() }),
      reason: '面试官出差',
    });
    expect(moved.statusCode).toBe(200);
    const movedMail = await mailWith('面试改期', 'VCALENDAR');
    expect(movedMail).toBeDefined();
    const movedIcs = movedMail!.slice(movedMail!.indexOf('BEGIN:VCALENDAR'));
    expect(field(movedIcs, 'UID')).toBe(`interview-${id}@hirehall`);
    expect(field(movedIcs, 'SEQUENCE')).toBe('1');
    expect(field(movedIcs, 'METHOD')).toBe('PUBLISH');
    // awaiting the seeker's new answer
    expect(field(movedIcs, 'STATUS')).toBe('TENTATIVE');
    expect(field(movedIcs, 'DTSTART')).toBe(
      later.toISOString().replace(/[-:]/g, '').replace('.000', ''),
    );
    // the download serves the same version
    const download = (await get(t.app, p.seeker, `/api/interviews/${id}/calendar.ics`)).body;
    expect(field(download, 'SEQUENCE')).toBe('1');
    expect(field(download, 'STATUS')).toBe('TENTATIVE');

    // cancelled: METHOD:CANCEL / STATUS:CANCELLED, in the email and in the download
    expect(
      (await post(t.app, p.employer, `/api/interviews/${id}/cancel`, { reason: '岗位已满' }))
        .statusCode,
    ).toBe(200);
    const cancelMail = await mailWith('面试取消');
    expect(cancelMail).toContain('[附件 interview.ics]');
    const cancelIcs = cancelMail!.slice(cancelMail!.indexOf('BEGIN:VCALENDAR'));
    expect(field(cancelIcs, 'UID')).toBe(`interview-${id}@hirehall`);
    expect(field(cancelIcs, 'METHOD')).toBe('CANCEL');
    expect(field(cancelIcs, 'STATUS')).toBe('CANCELLED');
    expect(field(cancelIcs, 'SEQUENCE')).toBe('2');
    expect(cancelIcs).not.toContain('BEGIN:VALARM');
    const [cancelEvent] = await queryRows<{
      payload: { emailAttachments: { contentType: string }[] };
    }>(
      db(),
      sql`select payload from outbox_events where payload->>'interviewId' = ${id}
          and payload->>'title' = '面试取消'`,
    );
    expect(cancelEvent!.payload.emailAttachments[0]!.contentType).toContain('method=CANCEL');
    const res = await get(t.app, p.seeker, `/api/interviews/${id}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(field(res.body, 'METHOD')).toBe('CANCEL');
    expect(field(res.body, 'STATUS')).toBe('CANCELLED');
    expect(field(res.body, 'SEQUENCE')).toBe('2');
    expect((await get(t.app, p.employer, `/api/interviews/${id}/calendar.ics`)).statusCode).toBe(
      200,
    );
  });

  it('the seeker downloads the cancellation of a confirmed interview; nobody else can', async () => {
    const p = await confirmedInterview(t.app, db());
    const id = p.interviewId;
    const unfold = (ics: string) => ics.replace(/\r\n /g, '');
    const field = (ics: string, name: string) =>
      new RegExp(`^${name}[:;](.*)\r?$`, 'm').exec(unfold(ics))?.[1];
    const agendaItem = async () =>
      ((await get(t.app, p.seeker, '/api/interviews/mine')).json().items as { id: string }[]).find(
        (i) => i.id === id,
      );
    expect(await agendaItem()).toMatchObject({ status: 'confirmed', hasCalendar: true });
    const issued = (await get(t.app, p.seeker, `/api/interviews/${id}/calendar.ics`)).body;
    expect(field(issued, 'METHOD')).toBe('PUBLISH');
    const issuedSequence = Number(field(issued, 'SEQUENCE'));

    await post(t.app, p.employer, `/api/interviews/${id}/cancel`, { reason: '岗位已招满' });
    // 面试日程 still lists it, cancelled, with the cancellation to download
    expect(await agendaItem()).toMatchObject({ status: 'cancelled', hasCalendar: true });
    const res = await get(t.app, p.seeker, `/api/interviews/${id}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="interview-${id}.ics"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const ics = res.body;
    expect(field(ics, 'METHOD')).toBe('CANCEL');
    expect(field(ics, 'STATUS')).toBe('CANCELLED');
    expect(field(ics, 'UID')).toBe(field(issued, 'UID'));
    expect(field(ics, 'UID')).toBe(`interview-${id}@hirehall`);
    expect(Number(field(ics, 'SEQUENCE'))).toBe(issuedSequence + 1);
    expect(field(ics, 'DTSTART')).toBe(field(issued, 'DTSTART'));
    expect(unfold(ics)).toContain('SUMMARY:已取消：面试：');
    expect(unfold(ics)).toContain('该面试已取消');
    expect(ics).not.toContain('BEGIN:VALARM');
    // exactly one event, and a well-formed file
    expect(ics.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(1);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);

    // another seeker, and another employer, are told the interview does not exist
    for (const role of ['seeker', 'employer'] as const) {
      const stranger = await signInAs(db(), role);
      const denied = await get(t.app, stranger, `/api/interviews/${id}/calendar.ics`);
      expect(denied.statusCode, role).toBe(404);
      expect(denied.json().error.code, role).toBe('NOT_FOUND');
      expect(denied.body, role).not.toContain('VCALENDAR');
    }
  });

  it('an interview cancelled before confirmation has no calendar to send or serve', async () => {
    const p = await parties(db());
    const id = (await invite(t.app, p.employer, p.application.id)).json().id as string;
    await post(t.app, p.seeker, `/api/interviews/${id}/attend`);
    await post(t.app, p.employer, `/api/interviews/${id}/cancel`, {});
    const events = await queryRows<{ payload: { emailAttachments?: unknown } }>(
      db(),
      sql`select payload from outbox_events
          where payload->>'interviewId' = ${id} and kind = 'interview.changed'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.emailAttachments).toBeUndefined();
    expect((await get(t.app, p.seeker, `/api/interviews/${id}/calendar.ics`)).statusCode).toBe(409);
    // so 面试日程 offers no cancellation file for it
    const mine = (await get(t.app, p.seeker, '/api/interviews/mine')).json().items as {
      id: string;
    }[];
    expect(mine.find((i) => i.id === id)).toMatchObject({
      status: 'cancelled',
      hasCalendar: false,
    });
  });

  it('folds long lines without splitting a character', () => {
    const folded = foldLine(`DESCRIPTION:${'面试'.repeat(40)}`);
    for (const line of folded.split('\r\n'))
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'面试'.repeat(40)}`);
  });

  it('sends one notice email carrying the .ics and a reminder once, from the due table', async () => {
    const p = await parties(db());
    await db()
      .insert(notificationContacts)
      .values({ accountId: p.seeker.accountId, email: 'li@example.cn' });
    await db()
      .insert(notificationPreferences)
      .values({ accountId: p.seeker.accountId, kind: 'interview.confirmed', channels: ['email'] });
    const id = (
      await invite(t.app, p.employer, p.application.id, { startsAt: inMinutes(20) })
    ).json().id;
    await post(t.app, p.seeker, `/api/interviews/${id}/attend`);
    await post(t.app, p.employer, `/api/interviews/${id}/confirm`);
    // reminder lead 30 min > 20 min to go: the reminder is due now
    await t.app.dispatcher.runOnce();
    await t.app.dispatcher.runOnce();
    expect(await runReminders(db())).toBe(0);
    const reminders = (await eventsFor(id)).filter((e) => e.kind === 'interview.reminder');
    expect(reminders).toHaveLength(2);
    const mails = await queryRows<{ content: string }>(
      db(),
      sql`select content from dev_outbox where recipient = 'li@example.cn'`,
    );
    // the notice and the calendar in one email (reminders: no email chosen)
    expect(mails).toHaveLength(1);
    expect(mails[0]!.content).toContain('面试通知');
    expect(mails[0]!.content).toContain('单位联系人：王老师');
    expect(mails[0]!.content).toContain('[附件 interview.ics]');
    expect(mails[0]!.content).toContain('BEGIN:VCALENDAR');
  });

  it('sends no email to a seeker who did not choose email for the notice', async () => {
    const p = await parties(db());
    await db()
      .insert(notificationContacts)
      .values({ accountId: p.seeker.accountId, email: 'wang@example.cn' });
    const id = (await invite(t.app, p.employer, p.application.id)).json().id;
    await post(t.app, p.seeker, `/api/interviews/${id}/attend`);
    await post(t.app, p.employer, `/api/interviews/${id}/confirm`);
    await t.app.dispatcher.runOnce();
    const mails = await queryRows<{ content: string }>(
      db(),
      sql`select content from dev_outbox where recipient = 'wang@example.cn'`,
    );
    expect(mails).toEqual([]);
  });
});

describe('interview hall', () => {
  it('shows the day’s confirmed video interviews in time order; other tenants see nothing', async () => {
    const hall = hallReadsOf(t.app);
    const employer = await signInAs(db(), 'employer');
    const s1 = await signInAs(db(), 'seeker');
    const s2 = await signInAs(db(), 'seeker');
    const s3 = await signInAs(db(), 'seeker');
    const ids: string[] = [];
    // the fixed clock's day: s1 at 10:20, s2 at 10:10; s3 the day after, never in this queue
    for (const [seeker, startsAt] of [
      [s1, atClock(20)],
      [s2, atClock(10)],
      [s3, atClock(24 * 60)],
    ] as const) {
      const { application } = await createApplication(db(), employer, seeker);
      const id = (await invite(t.app, employer, application.id, { startsAt })).json().id;
      await post(t.app, seeker, `/api/interviews/${id}/attend`);
      expect((await post(t.app, employer, `/api/interviews/${id}/confirm`)).statusCode).toBe(200);
      ids.push(id);
    }
    const queue = await hall.queue(employer.organizationId!, hallClock);
    expect(queue.date).toBe(atClock(0).slice(0, 10));
    expect(queue.ringSeconds).toBe(30);
    expect(queue.items.map((i) => i.id)).toEqual([ids[1], ids[0]]);
    expect(queue.items.map((i) => i.online)).toEqual([false, false]);
    // the next day's queue holds the third
    const tomorrow = new Date(hallClock.getTime() + 24 * 3600_000);
    expect((await hall.queue(employer.organizationId!, tomorrow)).items.map((i) => i.id)).toEqual([
      ids[2],
    ]);

    const other = await signInAs(db(), 'employer');
    expect((await hall.queue(other.organizationId!, hallClock)).items).toEqual([]);
    expect((await get(t.app, other, '/api/interviews/hall')).json().items).toEqual([]);
    expect((await get(t.app, other, `/api/interviews/${ids[0]}`)).statusCode).toBe(404);
    expect((await get(t.app, other, `/api/interviews/${ids[0]}/calls`)).statusCode).toBe(404);

    // s1 waits behind s2's 30 minutes (s1's own start is 20 minutes away)
    const actor = (who: typeof s1) => ({ ...who, role: 'seeker' as const });
    expect(await hall.position(actor(s1), ids[0]!, hallClock)).toMatchObject({
      position: 2,
      ahead: 1,
      estimatedWaitMinutes: 30,
      activeCall: null,
      ringSeconds: 30,
    });
    expect(await hall.position(actor(s2), ids[1]!, hallClock)).toMatchObject({
      position: 1,
      ahead: 0,
      estimatedWaitMinutes: 10,
    });
    // not in the clock's day: no place in the queue
    expect(await hall.position(actor(s3), ids[2]!, hallClock)).toMatchObject({
      position: null,
      estimatedWaitMinutes: null,
    });
    await expect(hall.position(actor(s2), ids[0]!, hallClock)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await get(t.app, s2, `/api/interviews/${ids[0]}/queue`)).statusCode).toBe(404);
    const byRoute = await get(t.app, s1, `/api/interviews/${ids[0]}/queue`);
    expect(byRoute.statusCode).toBe(200);
    expect(byRoute.json().ringSeconds).toBe(30);
  });
});

describe('ICE servers', () => {
  it('issues coturn REST credentials per call', () => {
    const ice = {
      stunUrls: ['stun:turn.example.cn:3478'],
      turnUrls: ['turn:turn.example.cn:3478'],
      turnSecret: 'north',
      turnTtlSeconds: 600,
    };
    const servers = iceServersFor(ice, 'call-1', 1_700_000_000_000);
    expect(servers[0]).toEqual({ urls: ['stun:turn.example.cn:3478'] });
    // echo -n "1700000600:call-1" | openssl dgst -sha1 -hmac north -binary | base64
    expect(servers[1]).toEqual({
      urls: ['turn:turn.example.cn:3478'],
      username: '1700000600:call-1',
      credential: 'fLrPAQb9t9tER3K18sFFJMWr18U=',
    });
    expect(iceServersFor({ ...ice, stunUrls: [], turnUrls: [] }, 'x')).toEqual([]);
  });
});
