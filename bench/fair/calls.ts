// An interview call's signalling as the two browsers do it (apps/server/src/modules/interviews/
// interviews.socket.ts): the employer starts, the seeker hears it ring and accepts, then offer,
// answer and ICE candidates are relayed between them, and the employer hangs up. Every event
// the peer should hear is counted when it arrives.
import type { Socket } from 'socket.io-client';
import { callSocketEvents as ev } from '@hirehall/shared/interviews';
import type { Recorder } from './recorder.ts';

export interface CallOutcome {
  ok: boolean;
  /** events the peer should have heard: ringing, connected, 2 descriptions, 4 candidates, ended */
  expected: number;
  delivered: number;
  crossProcess: boolean;
  failure?: string;
}

type Ack<T> = { ok: boolean; data?: T; error?: { code: string; message: string } };

/** Resolves with the first event of `name` matching `test`, or null after `ms`. */
function nextEvent<T>(socket: Socket, name: string, test: (p: T) => boolean, ms = 15_000) {
  return new Promise<T | null>((resolve) => {
    const onEvent = (p: T) => {
      if (!test(p)) return;
      clearTimeout(timer);
      socket.off(name, onEvent);
      resolve(p);
    };
    const timer = setTimeout(() => {
      socket.off(name, onEvent);
      resolve(null);
    }, ms);
    socket.on(name, onEvent);
  });
}

async function emit<T>(
  recorder: Recorder,
  kind: string,
  socket: Socket,
  name: string,
  body: object,
) {
  const t0 = performance.now();
  const ack = (await socket
    .timeout(15_000)
    .emitWithAck(name, body)
    .catch(() => ({ ok: false, error: { code: 'ACK_TIMEOUT', message: '' } }))) as Ack<T>;
  recorder.record(kind, performance.now() - t0, ack.ok ? 'ok' : ack.error!.code, !ack.ok);
  return ack;
}

/** Relays one signal and waits for it at the peer; the relay time is recorded. */
async function relay(
  recorder: Recorder,
  from: Socket,
  to: Socket,
  callId: string,
  payload: object,
): Promise<boolean> {
  const t0 = performance.now();
  const heard = nextEvent<{ callId: string }>(to, ev.signal, (p) => p.callId === callId);
  const ack = await emit(recorder, 'call signal (ack)', from, ev.signal, { callId, ...payload });
  const got = ack.ok ? await heard : null;
  if (got) recorder.record('call signal (relayed to peer)', performance.now() - t0, 'ok', false);
  return Boolean(got);
}

const sdp = (type: string) => `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=${type}\r\n`;
const candidate = (n: number) => ({
  candidate: `candidate:${n} 1 udp 2122260223 192.168.1.${n} 5${n}000 typ host`,
  sdpMid: '0',
  sdpMLineIndex: 0,
});

export async function runCall(
  recorder: Recorder,
  employer: Socket,
  seeker: Socket,
  interviewId: string,
  crossProcess: boolean,
): Promise<CallOutcome> {
  const out: CallOutcome = { ok: false, expected: 9, delivered: 0, crossProcess };
  const ringing = nextEvent<{ callId: string }>(seeker, ev.ringing, () => true);
  const start = await emit<{ call: { id: string } }>(
    recorder,
    'call start (ack)',
    employer,
    ev.start,
    {
      interviewId,
    },
  );
  if (!start.ok) return { ...out, failure: `start: ${start.error?.code}` };
  const callId = start.data!.call.id;
  const rang = await ringing;
  if (rang?.callId !== callId) return { ...out, failure: 'the seeker did not hear it ring' };
  out.delivered++;
  const connected = nextEvent<{ callId: string; status: string }>(
    employer,
    ev.status,
    (p) => p.callId === callId && p.status === 'connected',
  );
  const accept = await emit(recorder, 'call accept (ack)', seeker, ev.accept, { callId });
  if (!accept.ok) return { ...out, failure: `accept: ${accept.error?.code}` };
  if (await connected) out.delivered++;
  const steps: [Socket, Socket, object][] = [
    [employer, seeker, { description: { type: 'offer', sdp: sdp('offer') } }],
    [seeker, employer, { description: { type: 'answer', sdp: sdp('answer') } }],
    [employer, seeker, { candidate: candidate(1) }],
    [seeker, employer, { candidate: candidate(2) }],
    [employer, seeker, { candidate: candidate(3) }],
    [seeker, employer, { candidate: candidate(4) }],
  ];
  for (const [from, to, payload] of steps) {
    if (await relay(recorder, from, to, callId, payload)) out.delivered++;
  }
  const ended = nextEvent<{ callId: string; status: string }>(
    seeker,
    ev.status,
    (p) => p.callId === callId && p.status === 'ended',
  );
  await emit(recorder, 'call hangup (ack)', employer, ev.hangup, { callId });
  if (await ended) out.delivered++;
  out.ok = out.delivered === out.expected;
  if (!out.ok) out.failure = `${out.expected - out.delivered} signalling events not delivered`;
  return out;
}
