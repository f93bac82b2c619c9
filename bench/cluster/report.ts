import { spawnSync } from 'node:child_process';
// docs/benchmarks-cluster.md and .json: what crossed processes and whether anything was lost.
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../lib/server.ts';
import { chatLines, kindTable, missedTargets, type Resources } from '../fair/report.ts';
import type { SimResult } from '../fair/sim.ts';
import type { SessionCheck, checkPolling, haproxyServers } from './checks.ts';

type Servers = Awaited<ReturnType<typeof haproxyServers>>;

export interface ClusterReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  options: Record<string, unknown> & { seekers: number; employers: number; seconds: number };
  processes: { servers: number[]; haproxy: number | null };
  session: SessionCheck;
  pollingSticky: Awaited<ReturnType<typeof checkPolling>>;
  pollingNoCookie: Awaited<ReturnType<typeof checkPolling>>;
  socketsPerServer: Servers;
  totals: Servers;
  resources: Resources;
  storedMissing: number;
  /** HAProxy's "Server app/appN is DOWN" lines during the run */
  downEvents: string[];
  result: SimResult;
}

/** The failed checks: the cluster's own (crossing, loss) first, then the latency targets. */
export function clusterFailures(x: ClusterReport) {
  const r = x.result;
  const out: string[] = [];
  if (!x.session.ok) out.push('a session did not work across the processes');
  if (x.pollingSticky.connected < x.pollingSticky.sockets)
    out.push('polling sockets failed with the sticky cookie');
  if (r.chat.lost > 0 || r.chat.duplicated > 0)
    out.push(`chat lost ${r.chat.lost}, duplicated ${r.chat.duplicated}`);
  if (r.chat.crossProcess === 0 || r.chat.crossProcessReceived < r.chat.crossProcess) {
    out.push('chat messages did not all cross processes');
  }
  if (r.calls.ok < r.calls.attempted || r.calls.crossProcess === 0)
    out.push('call signalling did not all cross processes');
  if (x.storedMissing > 0) out.push(`${x.storedMissing} acknowledged messages not stored`);
  if (r.servedBy.byBothProcesses === 0) out.push('no account was served by both processes');
  return out;
}

export function writeClusterReport(x: ClusterReport): string[] {
  const failures = clusterFailures(x);
  const latency = missedTargets(x.result, x.storedMissing).filter((m) => !failures.includes(m));
  fs.writeFileSync(
    path.join(root, 'docs/benchmarks-cluster.json'),
    JSON.stringify(
      {
        ...x,
        failures,
        latencyMissed: latency,
        result: { ...x.result, ackedClientIds: undefined },
      },
      null,
      2,
    ) + '\n',
  );
  const r = x.result;
  const c = r.chat;
  const rss = x.resources.rss;
  const l = x.resources.loadAverage1m;
  const sockets = x.socketsPerServer.map((s) => `${s.server} ${s.currentSessions}`).join(', ');
  const md = `# Two processes behind HAProxy (\`npm run bench:cluster\`)

${x.date.slice(0, 16).replace('T', ' ')} UTC · ${x.machine.cpus} × ${x.machine.cpuModel}, ${x.machine.memoryGb} GB, Node ${x.machine.node}

\`scripts/cluster/start.sh\` started two server processes (production bundle) on one PostgreSQL
database of this run's own, and Debian's HAProxy in front (\`scripts/cluster/haproxy.cfg\`:
round robin, the \`hh_node\` sticky cookie, health checks). Everything below went through the
proxy; the virtual users, both servers, HAProxy and PostgreSQL share the 2 cores.

**Cross-process checks: ${failures.length === 0 ? 'all passed' : 'FAILED — ' + failures.join('; ')}.**
Latency targets (p95 ≤ 200 ms per kind, as in the PGlite run): ${latency.length === 0 ? 'met' : 'not all met — ' + latency.join('; ')}.

## Sessions on both processes

${x.session.steps.map((s) => `- ${s.step}: ${s.status} from ${s.servedBy} (expected ${s.expected})`).join('\n')}
- during the simulation HTTP requests were balanced per request: ${r.servedBy.byBothProcesses} of ${r.servedBy.accounts} accounts were answered by both processes (${r.servedBy.processes.join(', ')}), with one session each

## Sockets

- HAProxy took a server out of rotation (health check failed) ${x.downEvents.length} times during the run${
    x.downEvents.length
      ? `: ${x.downEvents
          .slice(0, 4)
          .map((l) => `\`${l.replace(/^.*?(Server)/, '$1').slice(0, 120)}\``)
          .join('; ')}`
      : ''
  }
- websocket sockets of the simulation: ${r.socketsConnected} connected; HAProxy's current sessions per server during the run: ${sockets || 'not read'}
- socket.io long-polling (20 polling-only sockets, 3 s of polls each): ${x.pollingSticky.connected}/20 stayed connected when the client keeps HAProxy's \`hh_node\` cookie as a browser does;
  ${x.pollingNoCookie.connected}/20 without it (${JSON.stringify(x.pollingNoCookie.failures)}) — polling needs the sticky cookie (or \`ip_hash\` in nginx); websocket-only clients do not.

## Chat and calls across processes

Every employer's socket was pinned to one process (\`hh_node\` cookie) and the sockets of the seekers
with a seeded application to it to the other.

${chatLines(r)}
- messages whose sender and recipient were on different processes: ${c.crossProcess}, received ${c.crossProcessReceived}
- acknowledged messages missing from PostgreSQL afterwards: ${x.storedMissing}
- calls with the employer and the seeker on different processes: ${r.calls.crossProcess} of ${r.calls.attempted}; each relayed ring, connected status, offer, answer, 4 ICE candidates and the end

## Load

${x.options.seekers} seekers, ${x.options.employers} employers, ${r.seconds.toFixed(0)} s, ${r.requests} HTTP requests (${r.requestsPerSecond}/s).

${kindTable(r.kinds)}

- RSS, CPU (% of one core) and run-queue wait (% of the run its threads together spent runnable without a CPU): ${rss.map((p, i) => `${i < x.processes.servers.length ? `server ${i + 1}` : 'HAProxy'} ${p.startMb} → max ${p.maxMb} MB, CPU ${p.cpuPercent} %, waiting ${p.runQueueWaitPercent} %`).join('; ')}
- load average (1 min): start ${l.start}, mean ${l.mean}, max ${l.max}, end ${l.end} (2 cores, shared with other work)

${r.errorSamples.length ? `First errors:\n\n${r.errorSamples.map((e) => `- ${e}`).join('\n')}\n` : ''}`;
  fs.writeFileSync(path.join(root, 'docs/benchmarks-cluster.md'), md);
  // the repository's formatting check covers docs/
  spawnSync('npx', ['prettier', '--write', 'docs/benchmarks-cluster.*'], { cwd: root });
  console.log(md);
  return failures;
}
