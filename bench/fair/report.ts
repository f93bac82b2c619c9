// Markdown pieces shared by the fair and cluster reports, and the run's resource samples.
import fs from 'node:fs';
import os from 'node:os';
import type { KindStats } from './recorder.ts';
import type { SimResult } from './sim.ts';

export const P95_TARGET_MS = 200;

/** Kinds the p95 target applies to: every request and acknowledged socket call. */
export const isTargetKind = (kind: string) => kind !== 'socket connect';

export function kindTable(kinds: Record<string, KindStats>) {
  const rows = Object.entries(kinds).map(([kind, k]) => {
    const verdict = !isTargetKind(kind) ? '—' : k.p95 <= P95_TARGET_MS ? 'met' : '**NOT met**';
    const outcomes = Object.entries(k.outcomes)
      .map(([o, n]) => `${o}×${n}`)
      .join(' ');
    return `| ${kind} | ${k.count} | ${k.p50} | ${k.p95} | ${k.p99} | ${k.max} | ${k.errors} | ${outcomes} | ${verdict} |`;
  });
  return [
    '| request kind | count | p50 ms | p95 ms | p99 ms | max ms | errors | outcomes | p95 ≤ 200 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
  ].join('\n');
}

export function chatLines(r: SimResult) {
  const c = r.chat;
  return [
    `- chat messages: ${c.sent} sent, ${c.acked} acknowledged (stored), ${c.notAcked} not acknowledged, ` +
      `${c.received} received by the other party; **lost ${c.lost}, duplicated ${c.duplicated}**`,
    `- delivery (send → the other party's socket): p50 ${c.deliveryP50} ms, p95 ${c.deliveryP95} ms, p99 ${c.deliveryP99} ms`,
    `- interview calls: ${r.calls.ok} of ${r.calls.attempted} with every signalling event delivered` +
      (r.calls.outcomes.some((o) => o.failure)
        ? ` (failures: ${r.calls.outcomes
            .filter((o) => o.failure)
            .map((o) => o.failure)
            .join('; ')})`
        : ''),
    `- sockets: ${r.socketsConnected} connected, ${r.socketsDisconnectedEarly} dropped during the run`,
    `- the virtual users' own event-loop delay (included in every latency above): p50 ${r.clientLoopDelayMs.p50} ms, p99 ${r.clientLoopDelayMs.p99} ms, max ${r.clientLoopDelayMs.max} ms`,
  ].join('\n');
}

/** Failures against the targets, empty when all are met. */
export function missedTargets(r: SimResult, storedMissing: number | null): string[] {
  const out: string[] = [];
  for (const [kind, k] of Object.entries(r.kinds)) {
    if (isTargetKind(kind) && k.p95 > P95_TARGET_MS) out.push(`${kind}: p95 ${k.p95} ms > 200 ms`);
    if (k.errors > 0) out.push(`${kind}: ${k.errors} errors`);
  }
  if (r.chat.lost > 0) out.push(`${r.chat.lost} chat messages lost`);
  if (r.chat.duplicated > 0) out.push(`${r.chat.duplicated} chat messages duplicated`);
  if (storedMissing) out.push(`${storedMissing} acknowledged messages not in the database`);
  if (r.calls.ok < r.calls.attempted)
    out.push(`${r.calls.attempted - r.calls.ok} calls incomplete`);
  return out;
}

export function rssBytes(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time and time spent runnable but waiting for a CPU (run queue), all threads, in ms. */
export function schedMs(pid: number): { cpu: number; waiting: number } {
  let cpu = 0;
  let waiting = 0;
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const [run, wait] = fs
        .readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8')
        .split(' ')
        .map(Number);
      cpu += run! / 1e6;
      waiting += wait! / 1e6;
    }
  } catch {
    /* gone, or not Linux */
  }
  return { cpu, waiting };
}

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Samples the processes' RSS and the load average every second until stopped. */
export function sampleResources(pids: number[]) {
  const maxRss = new Map(pids.map((p) => [p, rssBytes(p)]));
  const startRss = new Map(maxRss);
  const load: number[] = [os.loadavg()[0]!];
  const sched0 = new Map(pids.map((p) => [p, schedMs(p)]));
  const t0 = Date.now();
  const timer = setInterval(() => {
    for (const p of pids) maxRss.set(p, Math.max(maxRss.get(p) ?? 0, rssBytes(p)));
    load.push(os.loadavg()[0]!);
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      load.push(os.loadavg()[0]!);
      const r = (v: number) => Math.round(v * 100) / 100;
      const wall = Date.now() - t0;
      return {
        rss: pids.map((p) => {
          const a = sched0.get(p)!;
          const b = schedMs(p);
          return {
            pid: p,
            startMb: mb(startRss.get(p) ?? 0),
            maxMb: mb(maxRss.get(p) ?? 0),
            endMb: mb(rssBytes(p)),
            /** % of one core used, and % of the run spent runnable but waiting for a CPU */
            cpuMs: Math.round(b.cpu - a.cpu),
            cpuPercent: Math.round(((b.cpu - a.cpu) / wall) * 100),
            runQueueWaitPercent: Math.round(((b.waiting - a.waiting) / wall) * 100),
          };
        }),
        loadAverage1m: {
          start: r(load[0]!),
          max: r(Math.max(...load)),
          mean: r(load.reduce((a, b) => a + b, 0) / load.length),
          end: r(load[load.length - 1]!),
        },
      };
    },
  };
}
export type Resources = ReturnType<ReturnType<typeof sampleResources>['stop']>;
