/**
 * npm run bench:fair -- --cost [--analyze]   (or: tsx bench/fair/cost.ts [--repeat 40])
 *
 * What each request kind of the fair morning costs the embedded server, one request at a time:
 * server CPU per request from /proc/<pid>/schedstat (all threads), minus what the idle server
 * uses in the same time. CPU time, unlike latency, hardly depends on how busy the machine is,
 * so this says where the fair morning's CPU goes even on a shared machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { startServer } from '../lib/server.ts';
import { arg } from './options.ts';
import { HttpClient, Recorder } from './recorder.ts';
import { ChatLedger, connectSocket } from './realtime.ts';
import { schedMs } from './report.ts';
import { seedFair } from './seed.ts';

const REPEAT = Number(arg('repeat', '40'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-fair-cost-'));
const database = await openDatabase({ dataDir });
const seed = await seedFair(database.db, {
  seekers: REPEAT + 10,
  employers: 5,
  postingsPerEmployer: 8,
  backgroundPostings: 3000,
  interviews: 0,
});
// --analyze: planner statistics first (PGlite runs no autovacuum, so nothing else gathers them)
if (process.argv.includes('--analyze')) await database.db.execute(sql`analyze`);
await database.close();
const server = await startServer({ dataDir, env: { HIREHALL_DEMO: '0' } });
const pid = server.child.pid!;
const recorder = new Recorder();
const http = new HttpClient(server.baseUrl, recorder);
const ledger = new ChatLedger();

await sleep(3000);
const idle0 = schedMs(pid).cpu;
await sleep(5000);
const idlePerMs = (schedMs(pid).cpu - idle0) / 5000;

const seeker = seed.seekers[0]!;
const employer = seed.employers[0]!;
const job = (i: number) => seed.fairJobIds[i % seed.fairJobIds.length]!;
const terms = ['销售', '工程师', '会计', '前端开发', '客服', '护士', '审核员', 'Java'];
const fair = `/api/public/fairs/${seed.fairId}`;
const socket = await connectSocket(server.baseUrl, seeker, recorder);

const kinds: [string, (i: number) => Promise<unknown>][] = [
  ['GET fair page', () => http.request('k', seeker, 'GET', fair)],
  ['GET fair employers', () => http.request('k', seeker, 'GET', `${fair}/employers`)],
  [
    'GET search jobs',
    (i) =>
      http.request('k', seeker, 'GET', `/api/public/jobs?q=${encodeURIComponent(terms[i % 8]!)}`),
  ],
  ['GET job detail', (i) => http.request('k', seeker, 'GET', `/api/public/jobs/${job(i)}`)],
  [
    'GET my application for job',
    (i) => http.request('k', seeker, 'GET', `/api/applications/for-job/${job(i)}`),
  ],
  [
    'POST favourite',
    // a seeker's favourites are capped: one per seeker
    (i) =>
      http.request('k', seed.seekers[i + 1]!, 'POST', '/api/seeker/favorites', { jobId: job(i) }),
  ],
  [
    'POST apply',
    (i) =>
      http.request('k', seed.seekers[i + 1]!, 'POST', '/api/applications', {
        jobId: job(i + 3),
        fairId: seed.fairId,
      }),
  ],
  ['GET my conversations', () => http.request('k', seeker, 'GET', '/api/chat/conversations')],
  ['GET unread count', () => http.request('k', seeker, 'GET', '/api/notifications/unread-count')],
  ['GET notifications', () => http.request('k', seeker, 'GET', '/api/notifications')],
  [
    'GET employer candidates',
    () =>
      http.request('k', employer, 'GET', `/api/employer/applications?fairId=${seed.fairId}&page=1`),
  ],
  [
    'chat:send (ack)',
    () =>
      ledger.send(socket!, recorder, {
        conversationId: seeker.conversationId,
        recipient: employer.organizationId,
        body: '您好，请问这个岗位还招人吗？',
        crossProcess: false,
      }),
  ],
];

const rows: string[] = [];
for (const [kind, run] of kinds) {
  await run(0); // warm
  const n = kind.startsWith('chat') ? 15 : REPEAT; // the chat budget: 20 messages per 10 s
  const c0 = schedMs(pid).cpu;
  const t0 = performance.now();
  for (let i = 1; i <= n; i++) await run(i);
  const wall = performance.now() - t0;
  const cpu = (schedMs(pid).cpu - c0 - idlePerMs * wall) / n;
  rows.push(`| ${kind} | ${n} | ${cpu.toFixed(1)} | ${(wall / n).toFixed(1)} |`);
}
socket?.close();
await server.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
const errors = recorder.errorSamples;
console.log(`idle server: ${(idlePerMs * 1000).toFixed(0)} ms CPU per s; load ${os.loadavg()[0]}`);
console.log('| request kind | requests | server CPU ms each | wall ms each |');
console.log('| --- | ---: | ---: | ---: |');
console.log(rows.join('\n'));
if (errors.length) console.log(`errors: ${errors.join('; ')}`);
process.exit(0);
