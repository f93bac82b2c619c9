// What a seeker and an employer do on a fair morning, with think times between steps.
import type { Socket } from 'socket.io-client';
import { chatSocketEvents } from '@hirehall/shared/chat';
import { educationValues, workDistricts } from '@hirehall/shared/jobs';
import type { HttpClient, Recorder } from './recorder.ts';
import type { ChatLedger } from './realtime.ts';
import type { FairSeed, SeededSeeker } from './seed.ts';

export interface SimContext {
  http: HttpClient;
  recorder: Recorder;
  ledger: ChatLedger;
  seed: FairSeed;
  endsAt: number;
  thinkMs: [number, number];
  seekerSockets: (Socket | null)[];
  employerSockets: (Socket | null)[];
  /** the server process each party's socket is pinned to (cluster runs), else undefined */
  seekerNode: (s: number) => string | undefined;
  employerNode: (e: number) => string | undefined;
  employerOfOrg: Map<string, number>;
  seekerOfAccount: Map<string, number>;
}

const terms = ['销售', '工程师', '会计', '技工', '设计', '前端开发', '客服', '数据分析', '护士'];
const moreTerms = ['厨师', '物流', '人事', '审核员', '运营', 'Java', '教师', '电工', '产品经理'];
const seekerLines = [
  '您好，请问这个岗位还招人吗？',
  '我是2026届应届毕业生，想了解一下薪资待遇。',
  '请问需要经常加班吗？',
  '我已经投递了简历，麻烦您看一下。',
  '请问面试是线上还是线下？',
];
const employerLines = [
  '您好，收到您的简历了。',
  '岗位还在招聘，欢迎投递。',
  '我们周末双休，五险一金。',
  '稍后会安排线上面试，请留意通知。',
];

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
const chance = (p: number) => Math.random() < p;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = (ctx: SimContext) => Date.now() < ctx.endsAt;

async function think(ctx: SimContext) {
  const [lo, hi] = ctx.thinkMs;
  await sleep(Math.min(lo + Math.random() * (hi - lo), Math.max(0, ctx.endsAt - Date.now())));
}

function searchQuery() {
  const q = new URLSearchParams({ q: pick(chance(0.7) ? terms : moreTerms) });
  if (chance(0.4)) q.set('district', pick(workDistricts));
  if (chance(0.3)) q.set('education', pick(educationValues));
  if (chance(0.2)) q.set('salaryMin', String(pick([3000, 5000, 8000])));
  if (chance(0.25)) q.set('sort', 'salary');
  if (chance(0.15)) q.set('page', '2');
  return q.toString();
}

async function openFairPage(ctx: SimContext, me: SeededSeeker) {
  const fair = `/api/public/fairs/${ctx.seed.fairId}`;
  await ctx.http.request('GET fair page', me, 'GET', fair);
  await ctx.http.request('GET fair employers', me, 'GET', `${fair}/employers`);
}

interface SeekerState {
  seen: string[];
  quotaFull: boolean;
}

async function search(ctx: SimContext, me: SeededSeeker, st: SeekerState) {
  const res = await ctx.http.request<{ items: { id: string }[] }>(
    'GET search jobs',
    me,
    'GET',
    `/api/public/jobs?${searchQuery()}`,
  );
  if (res.ok && res.body.items.length > 0) st.seen = res.body.items.slice(0, 5).map((j) => j.id);
}

/** A job from the last results, or (fair page) one of the fair's postings. */
const someJob = (ctx: SimContext, st: SeekerState) =>
  st.seen.length > 0 && chance(0.6) ? pick(st.seen) : pick(ctx.seed.fairJobIds);

async function openJob(ctx: SimContext, me: SeededSeeker, jobId: string) {
  await ctx.http.request('GET job detail', me, 'GET', `/api/public/jobs/${jobId}`);
  await ctx.http.request(
    'GET my application for job',
    me,
    'GET',
    `/api/applications/for-job/${jobId}`,
  );
}

async function apply(ctx: SimContext, me: SeededSeeker, st: SeekerState) {
  const jobId = pick(ctx.seed.fairJobIds);
  const res = await ctx.http.request<{ error?: { code: string } }>(
    'POST apply',
    me,
    'POST',
    '/api/applications',
    { jobId, fairId: ctx.seed.fairId },
  );
  if (res.body?.error?.code === 'QUOTA_EXCEEDED') st.quotaFull = true;
}

async function chat(ctx: SimContext, s: number, me: SeededSeeker) {
  const socket = ctx.seekerSockets[s];
  const list = await ctx.http.request<{ items: { id: string; organizationId: string }[] }>(
    'GET my conversations',
    me,
    'GET',
    '/api/chat/conversations',
  );
  if (!socket?.connected || !list.ok || list.body.items.length === 0) return;
  const conv = pick(list.body.items);
  const t0 = performance.now();
  const joined = (await socket
    .timeout(15_000)
    .emitWithAck(chatSocketEvents.join, { conversationId: conv.id })
    .catch(() => ({ ok: false }))) as { ok: boolean; error?: { code: string } };
  ctx.recorder.record(
    'chat:join (ack)',
    performance.now() - t0,
    joined.ok ? 'ok' : (joined.error?.code ?? 'failed'),
    !joined.ok,
  );
  const employer = ctx.employerOfOrg.get(conv.organizationId);
  await ctx.ledger.send(socket, ctx.recorder, {
    conversationId: conv.id,
    recipient: conv.organizationId,
    body: pick(seekerLines),
    crossProcess: employer !== undefined && ctx.employerNode(employer) !== ctx.seekerNode(s),
  });
}

async function readNotifications(ctx: SimContext, me: SeededSeeker) {
  await ctx.http.request('GET unread count', me, 'GET', '/api/notifications/unread-count');
  await ctx.http.request('GET notifications', me, 'GET', '/api/notifications');
}

export async function seekerJourney(ctx: SimContext, s: number) {
  const me = ctx.seed.seekers[s]!;
  const st: SeekerState = { seen: [], quotaFull: false };
  await openFairPage(ctx, me);
  while (live(ctx)) {
    await think(ctx);
    if (!live(ctx)) break;
    const r = Math.random();
    if (r < 0.3) await search(ctx, me, st);
    else if (r < 0.55) await openJob(ctx, me, someJob(ctx, st));
    else if (r < 0.62) {
      await ctx.http.request('POST favourite', me, 'POST', '/api/seeker/favorites', {
        jobId: someJob(ctx, st),
      });
    } else if (r < 0.72) {
      if (st.quotaFull)
        await ctx.http.request('GET my applications', me, 'GET', '/api/applications');
      else await apply(ctx, me, st);
    } else if (r < 0.85) await chat(ctx, s, me);
    else if (r < 0.95) await readNotifications(ctx, me);
    else await openFairPage(ctx, me);
  }
}

/** Each employer's sends in the last 10 s: kept under the chat budget (20 per 10 s). */
const employerSends = new Map<number, number[]>();
function spendChatBudget(e: number): boolean {
  const now = Date.now();
  const sentAt = employerSends.get(e) ?? [];
  employerSends.set(e, sentAt);
  while (sentAt.length > 0 && sentAt[0]! < now - 10_000) sentAt.shift();
  if (sentAt.length >= 15) return false;
  sentAt.push(now);
  return true;
}

/** Replies to seekers' messages after a pause, within the chat budget. */
function replyToSeekers(ctx: SimContext, e: number) {
  const socket = ctx.employerSockets[e];
  if (!socket) return;
  socket.on(
    chatSocketEvents.message,
    (m: { conversationId: string; senderSide: string; seekerAccountId?: string }) => {
      if (m.senderSide !== 'seeker') return;
      void sleep(1000 + Math.random() * 3000).then(async () => {
        if (!live(ctx) || !socket.connected || !spendChatBudget(e)) return;
        const seekerAccountId = await seekerOf(ctx, m.conversationId);
        if (!seekerAccountId) return;
        const s = ctx.seekerOfAccount.get(seekerAccountId);
        await ctx.ledger.send(socket, ctx.recorder, {
          conversationId: m.conversationId,
          recipient: seekerAccountId,
          body: pick(employerLines),
          crossProcess: s !== undefined && ctx.seekerNode(s) !== ctx.employerNode(e),
        });
      });
    },
  );
}

/** conversation → seeker: from the seed, or learnt when the employer opened it */
const conversationSeeker = new Map<string, string>();
async function seekerOf(ctx: SimContext, conversationId: string) {
  if (conversationSeeker.size === 0) {
    for (const s of ctx.seed.seekers) conversationSeeker.set(s.conversationId, s.accountId);
  }
  return conversationSeeker.get(conversationId);
}

async function candidates(ctx: SimContext, e: number, opened: Set<string>) {
  const me = ctx.seed.employers[e]!;
  const page = await ctx.http.request<{ items: { id: string }[] }>(
    'GET employer candidates',
    me,
    'GET',
    `/api/employer/applications?fairId=${ctx.seed.fairId}&page=1&pageSize=20`,
  );
  if (!page.ok) return;
  const fresh = page.body.items.filter((a) => !opened.has(a.id));
  if (fresh.length === 0) return;
  const app = pick(fresh);
  opened.add(app.id);
  await ctx.http.request(
    'GET employer application',
    me,
    'GET',
    `/api/employer/applications/${app.id}`,
  );
  if (!chance(0.5)) return;
  const conv = await ctx.http.request<{ id: string; seekerAccountId: string }>(
    'POST open conversation',
    me,
    'POST',
    '/api/chat/conversations',
    { applicationId: app.id },
  );
  const socket = ctx.employerSockets[e];
  if (!conv.ok || !socket?.connected || !spendChatBudget(e)) return;
  conversationSeeker.set(conv.body.id, conv.body.seekerAccountId);
  const s = ctx.seekerOfAccount.get(conv.body.seekerAccountId);
  await ctx.ledger.send(socket, ctx.recorder, {
    conversationId: conv.body.id,
    recipient: conv.body.seekerAccountId,
    body: '您好，看到您投递了我们的岗位，方便聊一聊吗？',
    crossProcess: s !== undefined && ctx.seekerNode(s) !== ctx.employerNode(e),
  });
}

export async function employerJourney(ctx: SimContext, e: number) {
  const me = ctx.seed.employers[e]!;
  const opened = new Set<string>();
  replyToSeekers(ctx, e);
  while (live(ctx)) {
    await think(ctx);
    if (!live(ctx)) break;
    const r = Math.random();
    if (r < 0.6) await candidates(ctx, e, opened);
    else if (r < 0.85) {
      await ctx.http.request('GET employer conversations', me, 'GET', '/api/chat/conversations');
    } else {
      await ctx.http.request(
        'GET employer posting counts',
        me,
        'GET',
        '/api/employer/applications/postings',
      );
    }
  }
}
