import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { callSocketEvents as ev } from '@hirehall/shared/interviews';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { baseUrlOf, call, socketFor } from '../chat/chat.fixtures.ts';
import { atClock, confirmedInterview, get, hallClock } from './interviews.fixtures.ts';
import { hallReadsOf } from './interviews.module.ts';

/** Signalling authorization: only the two parties of a call can join it or signal on it. */
let t: TestApp;
let base: string;
const open: Socket[] = [];
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_CALL_RING_SECONDS: '2' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = baseUrlOf(t.app);
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => t.close());

async function connect(who: Parameters<typeof socketFor>[1]) {
  const s = await socketFor(base, who);
  open.push(s);
  return s;
}

/** The next event of a kind (with this status, for status events: the adapter may lag). */
function next<T>(socket: Socket, event: string, ms = 5000, status?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} ${status ?? ''}`)), ms);
    const listener = (data: T) => {
      if (status && (data as { status?: string }).status !== status) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(data);
    };
    socket.on(event, listener);
  });
}

/** Collects every event of a kind, to prove something never arrived. */
function record(socket: Socket, event: string) {
  const seen: unknown[] = [];
  socket.on(event, (d: unknown) => seen.push(d));
  return seen;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('call signalling', () => {
  it('rings the seeker, relays signals between the two parties only, records a drop', async () => {
    const db = t.database.db;
    const { employer, seeker, interviewId } = await confirmedInterview(t.app, db, {
      startsAt: atClock(15),
    });
    const intruderSeeker = await signInAs(db, 'seeker');
    const intruderEmployer = await signInAs(db, 'employer');

    // offline candidate: no call
    const e = await connect(employer);
    expect(await call(e, ev.start, { interviewId })).toMatchObject({
      ok: false,
      error: { code: 'CANDIDATE_OFFLINE' },
    });

    const s = await connect(seeker);
    const xs = await connect(intruderSeeker);
    const xe = await connect(intruderEmployer);
    const xsSignals = record(xs, ev.signal);
    const xsRings = record(xs, ev.ringing);
    const xeSignals = record(xe, ev.signal);

    // the hall (on the interview's day, by a fixed clock) shows the seeker online
    const hall = await hallReadsOf(t.app).queue(employer.organizationId!, hallClock);
    expect(hall.items.map((i) => [i.id, i.online])).toEqual([[interviewId, true]]);

    // another employer cannot start a call on this interview; a seeker cannot start at all
    expect(await call(xe, ev.start, { interviewId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(s, ev.start, { interviewId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const ringing = next<{ callId: string }>(s, ev.ringing);
    const started = await call<{ call: { id: string; status: string } }>(e, ev.start, {
      interviewId,
    });
    expect(started.ok).toBe(true);
    const callId = started.ok ? started.data.call.id : '';
    expect((await ringing).callId).toBe(callId);

    // nobody else can accept, decline, signal or hang up this call
    for (const x of [xs, xe]) {
      expect(await call(x, ev.accept, { callId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(x, ev.decline, { callId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(x, ev.signal, { callId, candidate: null })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(x, ev.hangup, { callId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    // the employer cannot accept on the seeker's behalf
    expect(await call(e, ev.accept, { callId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const connectedAtEmployer = next<{ status: string }>(e, ev.status, 5000, 'connected');
    const accepted = await call<{ iceServers: unknown[] }>(s, ev.accept, { callId });
    expect(accepted).toMatchObject({ ok: true, data: { call: { status: 'connected' } } });
    expect((await connectedAtEmployer).status).toBe('connected');
    // a second accept (another tab) cannot join
    const s2 = await connect(seeker);
    expect(await call(s2, ev.accept, { callId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await call(s2, ev.signal, { callId, candidate: null })).toMatchObject({ ok: false });

    // offer and answer flow between the two parties
    const offerAtSeeker = next<{ description: { type: string }; from: string }>(s, ev.signal);
    expect(
      await call(e, ev.signal, { callId, description: { type: 'offer', sdp: 'v=0' } }),
    ).toMatchObject({ ok: true });
    expect(await offerAtSeeker).toMatchObject({ description: { type: 'offer' }, from: 'employer' });
    const answerAtEmployer = next<{ from: string }>(e, ev.signal);
    expect(
      await call(s, ev.signal, { callId, description: { type: 'answer', sdp: 'v=0' } }),
    ).toMatchObject({ ok: true });
    expect((await answerAtEmployer).from).toBe('seeker');
    await sleep(200);
    expect(xsSignals).toEqual([]);
    expect(xeSignals).toEqual([]);
    expect(xsRings).toEqual([]);

    // the seeker's page goes away: the call is interrupted and recorded
    const interrupted = next<{ status: string }>(e, ev.status, 5000, 'interrupted');
    s.disconnect();
    expect((await interrupted).status).toBe('interrupted');
    const view = (await get(t.app, employer, `/api/interviews/${interviewId}`)).json();
    expect(view.interruptions).toHaveLength(1);
    expect(view.interruptions[0].callId).toBe(callId);
    // signalling on the ended call is refused
    expect(await call(e, ev.signal, { callId, candidate: null })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    // call again: a new call rings the seeker's new page
    const s3 = await connect(seeker);
    const ringAgain = next<{ callId: string }>(s3, ev.ringing);
    const again = await call<{ call: { id: string } }>(e, ev.start, { interviewId });
    expect(again.ok).toBe(true);
    const secondId = again.ok ? again.data.call.id : '';
    expect(secondId).not.toBe(callId);
    expect((await ringAgain).callId).toBe(secondId);
    expect(await call(s3, ev.accept, { callId: secondId })).toMatchObject({ ok: true });
    const ended = next<{ status: string }>(s3, ev.status, 5000, 'ended');
    expect(await call(e, ev.hangup, { callId: secondId })).toMatchObject({
      ok: true,
      data: { status: 'ended' },
    });
    expect((await ended).status).toBe('ended');

    const calls = (await get(t.app, employer, `/api/interviews/${interviewId}/calls`)).json().items;
    expect(calls.map((c: { status: string }) => c.status)).toEqual(['interrupted', 'ended']);
  });

  it('an unanswered call ends as missed; a declined one as declined', async () => {
    const { employer, seeker, interviewId } = await confirmedInterview(t.app, t.database.db);
    const e = await connect(employer);
    const s = await connect(seeker);
    const first = await call<{ call: { id: string } }>(e, ev.start, { interviewId });
    // while ringing, a second start is refused
    expect(await call(e, ev.start, { interviewId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const missed = await next<{ status: string; callId: string }>(e, ev.status, 6000, 'missed');
    expect(missed).toMatchObject({ status: 'missed', callId: first.ok ? first.data.call.id : '' });
    // the waiting room learns the configured ring time from the server (2 s here)
    const position = (await get(t.app, seeker, `/api/interviews/${interviewId}/queue`)).json();
    expect(position).toMatchObject({ ringSeconds: 2, activeCall: null });
    expect((await get(t.app, employer, '/api/interviews/hall')).json().ringSeconds).toBe(2);
    expect(await call(s, ev.accept, { callId: missed.callId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const second = await call<{ call: { id: string } }>(e, ev.start, { interviewId });
    const callId = second.ok ? second.data.call.id : '';
    const declined = next<{ status: string }>(e, ev.status, 5000, 'declined');
    expect(await call(s, ev.decline, { callId })).toMatchObject({
      ok: true,
      data: { status: 'declined' },
    });
    expect((await declined).status).toBe('declined');
  });
});
