// The fair morning against a running deployment: sockets first (as the web app connects on
// sign-in), then seekers start over a ramp, employers work their candidate lists and reply,
// and the seeded interviews are called. Used by bench/fair/run.ts and bench/cluster/run.ts.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { runCall, type CallOutcome } from './calls.ts';
import { ChatLedger, connectSocket, type ChatSummary } from './realtime.ts';
import { HttpClient, Recorder, type KindStats } from './recorder.ts';
import type { FairSeed, Session } from './seed.ts';
import { employerJourney, seekerJourney, type SimContext } from './users.ts';

export interface SimOptions {
  baseUrl: string;
  seconds: number;
  thinkMs: [number, number];
  /** seekers start evenly over this many seconds */
  rampSeconds: number;
  seekerNode?: (s: number) => string | undefined;
  employerNode?: (e: number) => string | undefined;
}

export interface SimResult {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  kinds: Record<string, KindStats>;
  chat: ChatSummary;
  ackedClientIds: string[];
  calls: { attempted: number; ok: number; crossProcess: number; outcomes: CallOutcome[] };
  socketsConnected: number;
  socketsDisconnectedEarly: number;
  /** accounts whose HTTP requests were answered by more than one process (cluster) */
  servedBy: { accounts: number; byBothProcesses: number; processes: string[] };
  errorSamples: string[];
  /** the virtual users' own event-loop delay: their latencies include it */
  clientLoopDelayMs: { p50: number; p99: number; max: number };
}

async function connectAll(
  o: SimOptions,
  recorder: Recorder,
  parties: { who: Session; node?: string }[],
) {
  const out: (Socket | null)[] = [];
  for (let i = 0; i < parties.length; i += 100) {
    const batch = parties.slice(i, i + 100);
    out.push(
      ...(await Promise.all(batch.map((p) => connectSocket(o.baseUrl, p.who, recorder, p.node)))),
    );
  }
  return out;
}

export async function runSimulation(seed: FairSeed, o: SimOptions): Promise<SimResult> {
  const recorder = new Recorder();
  const ledger = new ChatLedger();
  const seekerNode = o.seekerNode ?? (() => undefined);
  const employerNode = o.employerNode ?? (() => undefined);
  const employerSockets = await connectAll(
    o,
    recorder,
    seed.employers.map((who, e) => ({ who, node: employerNode(e) })),
  );
  const seekerSockets = await connectAll(
    o,
    recorder,
    seed.seekers.map((who, s) => ({ who, node: seekerNode(s) })),
  );
  const sockets = [...employerSockets, ...seekerSockets].filter((s): s is Socket => s !== null);
  let disconnectedEarly = 0;
  let running = true;
  for (const s of sockets) s.on('disconnect', () => void (running && disconnectedEarly++));
  seed.employers.forEach(
    (e, i) => employerSockets[i] && ledger.listen(employerSockets[i], e.organizationId),
  );
  seed.seekers.forEach((s, i) => seekerSockets[i] && ledger.listen(seekerSockets[i], s.accountId));

  const started = Date.now();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const ctx: SimContext = {
    http: new HttpClient(o.baseUrl, recorder),
    recorder,
    ledger,
    seed,
    endsAt: started + o.seconds * 1000,
    thinkMs: o.thinkMs,
    seekerSockets,
    employerSockets,
    seekerNode,
    employerNode,
    employerOfOrg: new Map(seed.employers.map((e, i) => [e.organizationId, i])),
    seekerOfAccount: new Map(seed.seekers.map((s, i) => [s.accountId, i])),
  };
  const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const ramp = (o.rampSeconds * 1000) / Math.max(1, seed.seekers.length);
  const journeys = [
    ...seed.employers.map((_, e) => employerJourney(ctx, e)),
    ...seed.seekers.map((_, s) => delay(s * ramp).then(() => seekerJourney(ctx, s))),
  ];
  // interview calls spread over the middle of the run
  const calls = seed.interviews.map((iv, k) =>
    delay(((0.2 + (0.5 * k) / Math.max(1, seed.interviews.length)) * o.seconds * 1000) | 0).then(
      () => {
        const employer = employerSockets[iv.employer];
        const seeker = seekerSockets[iv.seeker];
        if (!employer || !seeker) {
          return {
            ok: false,
            expected: 9,
            delivered: 0,
            crossProcess: false,
            failure: 'no socket',
          };
        }
        const cross = employerNode(iv.employer) !== seekerNode(iv.seeker);
        return runCall(recorder, employer, seeker, iv.interviewId, cross);
      },
    ),
  );
  await Promise.all(journeys);
  const outcomes = await Promise.all(calls);
  loop.disable();
  const seconds = (Date.now() - started) / 1000;
  await ledger.settle(10_000);
  running = false;
  for (const s of sockets) s.close();

  const kinds = recorder.stats();
  const requests = Object.entries(kinds)
    .filter(([k]) => /^(GET|POST)/.test(k))
    .reduce((n, [, v]) => n + v.count, 0);
  const processes = new Set<string>();
  let both = 0;
  for (const set of recorder.servedBy.values()) {
    set.forEach((p) => processes.add(p));
    if (set.size > 1) both++;
  }
  return {
    seconds,
    requests,
    requestsPerSecond: Math.round(requests / seconds),
    kinds,
    chat: ledger.summary(),
    ackedClientIds: ledger.ackedClientIds(),
    calls: {
      attempted: outcomes.length,
      ok: outcomes.filter((c) => c.ok).length,
      crossProcess: outcomes.filter((c) => c.crossProcess).length,
      outcomes,
    },
    socketsConnected: sockets.length,
    socketsDisconnectedEarly: disconnectedEarly,
    servedBy: {
      accounts: recorder.servedBy.size,
      byBothProcesses: both,
      processes: [...processes],
    },
    errorSamples: recorder.errorSamples,
    clientLoopDelayMs: {
      p50: Math.round(loop.percentile(50) / 1e6),
      p99: Math.round(loop.percentile(99) / 1e6),
      max: Math.round(loop.max / 1e6),
    },
  };
}
