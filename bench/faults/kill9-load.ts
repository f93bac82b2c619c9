/**
 * bench:faults (kill -9) — the clients: chat senders that retry an unacknowledged message with
 * the same client id after reconnecting, and seekers that apply and withdraw, retrying an
 * unanswered request until they get a definite answer. Each records what was acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ChatAck, ChatMessage } from '@hirehall/shared/chat';
import type { Acknowledged, ChatSide, Seeker } from './kill9-db.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (meanMs: number) => meanMs * (0.5 + Math.random());
/** once stopped, how long unresolved writes are still retried */
const DRAIN_MS = 30_000;

function count(record: Record<string, number>, key: string) {
  record[key] = (record[key] ?? 0) + 1;
}

/**
 * One `chat:send`: the ack, or null when the socket disconnects first (a browser would resend
 * then). No short timeout: a client that gives up on a slow server and resends only adds load.
 */
function sendOnce(socket: Socket, payload: object): Promise<ChatAck<ChatMessage> | null> {
  return new Promise((resolve) => {
    const dropped = () => resolve(null);
    socket.once('disconnect', dropped);
    socket.timeout(60_000).emit('chat:send', payload, (err: unknown, ack: ChatAck<ChatMessage>) => {
      socket.off('disconnect', dropped);
      resolve(err ? null : ack);
    });
  });
}

export class ChatLoad {
  readonly acked = new Map<string, string>();
  readonly refusals: Record<string, number> = {};
  sent = 0;
  attempts = 0;
  retries = 0;
  unresolved = 0;
  /** performance.now() of the first acknowledgement since `markKill()` */
  firstAckAt = Number.NaN;
  private stopping = false;
  private drainUntil = 0;
  private readonly sockets: Socket[] = [];
  private loops: Promise<void>[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly sides: ChatSide[],
    private readonly intervalMs: number,
  ) {}

  async start() {
    for (const side of this.sides) {
      const socket = io(this.baseUrl, {
        transports: ['websocket'],
        extraHeaders: { cookie: side.cookie },
        // quicker than socket.io's default (1 s doubling to 5 s), still spread by its jitter
        reconnectionDelay: 250,
        reconnectionDelayMax: 1000,
      });
      // a refusal in the handshake (not a network error) stops socket.io's own reconnecting
      socket.on('connect_error', () => {
        if (!socket.active) setTimeout(() => socket.connect(), 300);
      });
      this.sockets.push(socket);
    }
    const deadline = Date.now() + 60_000;
    while (this.sockets.some((s) => !s.connected) && Date.now() < deadline) await sleep(100);
    this.loops = this.sides.map((side, i) => this.run(side, this.sockets[i]!));
  }

  /** No new messages; unacknowledged ones are retried for up to DRAIN_MS. */
  async stop() {
    this.stopping = true;
    this.drainUntil = Date.now() + DRAIN_MS;
    await Promise.all(this.loops);
    for (const s of this.sockets) s.close();
  }

  private async run(side: ChatSide, socket: Socket) {
    let pending: { clientId: string; body: string } | null = null;
    let tries = 0;
    for (;;) {
      if (this.stopping && (!pending || Date.now() > this.drainUntil)) break;
      await sleep(pending && tries > 0 ? 200 : jitter(this.intervalMs));
      if (!socket.connected) continue;
      if (!pending) {
        pending = { clientId: randomUUID(), body: `面试时间确认 ${this.sent}` };
        this.sent++;
        tries = 0;
      }
      if (tries++ > 0) this.retries++;
      this.attempts++;
      const ack = await sendOnce(socket, {
        conversationId: side.conversationId,
        clientId: pending.clientId,
        kind: 'text',
        body: pending.body,
      });
      if (!ack) continue; // the socket dropped (the server died): resend after reconnect
      if (ack.ok) {
        this.acked.set(pending.clientId, side.conversationId);
        if (Number.isNaN(this.firstAckAt)) this.firstAckAt = performance.now();
        pending = null;
      } else {
        count(this.refusals, ack.error.code); // refused (e.g. rate limit): try again later
      }
    }
    if (pending) this.unresolved++;
  }
}

interface Answer {
  status: number;
  body: { error?: { code?: string } } & Record<string, unknown>;
}

export class ApplyLoad {
  readonly applications = new Map<string, { seekerId: string; jobId: string }>();
  readonly withdrawals = new Set<string>();
  readonly episodes = new Map<string, number>();
  readonly outcomes: Record<string, number> = {};
  /** answers nobody should get (an apply refused as already applied on its first attempt…) */
  readonly unexpected: string[] = [];
  /** the highest `quota.used` any answer reported */
  maxUsedSeen = 0;
  retries = 0;
  unresolved = 0;
  /** performance.now() of the first definite success since `markKill()` */
  firstOkAt = Number.NaN;
  /** `${seeker}:${job}` → what happened to each request for that pair, for the report */
  readonly history = new Map<string, string[]>();
  private stopping = false;
  private drainUntil = 0;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly seekers: Seeker[],
    private readonly postingIds: string[],
    private readonly thinkMs: number,
  ) {}

  start() {
    this.loops = this.seekers.map((s) => this.run(s));
  }

  async stop() {
    this.stopping = true;
    this.drainUntil = Date.now() + DRAIN_MS;
    await Promise.all(this.loops);
  }

  /** What both loads were told was stored. */
  acknowledged(chat: ChatLoad): Acknowledged {
    return {
      messages: chat.acked,
      applications: this.applications,
      withdrawals: this.withdrawals,
      episodes: this.episodes,
    };
  }

  private async call(
    method: string,
    url: string,
    seeker: Seeker,
    payload: string,
    idempotencyKey?: string,
  ): Promise<Answer | null> {
    try {
      const res = await fetch(`${this.baseUrl}${url}`, {
        method,
        headers: idempotencyKey
          ? { ...seeker.headers, 'idempotency-key': idempotencyKey }
          : seeker.headers,
        body: method === 'POST' ? payload : undefined,
        // a killed server resets the connection at once; the timeout only guards a hang
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await res.json().catch(() => ({}))) as Answer['body'];
      return { status: res.status, body };
    } catch {
      return null; // refused, reset or timed out: the server is down or dying
    }
  }

  /** Retries while there is no definite answer (no answer, 5xx, 429); null once drained. */
  private async definite(
    method: string,
    url: string,
    seeker: Seeker,
    body: string,
    jobId: string,
  ): Promise<{ answer: Answer; attempts: number } | null> {
    // one Idempotency-Key per action, sent with every retry of it: a late original never
    // acts a second time (e.g. applies again after the retry's application was withdrawn)
    const key = method === 'POST' ? randomUUID() : undefined;
    for (let attempts = 1; ; attempts++) {
      const sentAt = new Date().toISOString().slice(11, 23);
      const answer = await this.call(method, url, seeker, body, key);
      const said = answer ? `${answer.status} ${answer.body.error?.code ?? ''}` : 'no answer';
      this.note(`${seeker.accountId}:${jobId}`, `${sentAt} ${method} ${url} → ${said}`);
      if (answer && answer.status < 500 && answer.status !== 429) return { answer, attempts };
      if (this.stopping && Date.now() > this.drainUntil) return null;
      this.retries++;
      count(this.outcomes, answer ? `retried after ${answer.status}` : 'retried after no answer');
      await sleep(jitter(Math.min(1000, 100 * 2 ** attempts))); // 200 ms doubling to 1 s
    }
  }

  private note(key: string, text: string) {
    const list = this.history.get(key) ?? [];
    list.push(text);
    this.history.set(key, list);
  }

  private async run(seeker: Seeker) {
    const active = new Map<string, string>(); // jobId → application id
    while (!this.stopping) {
      await sleep(jitter(this.thinkMs));
      const free = this.postingIds.filter((id) => !active.has(id));
      const jobId = free[Math.floor(Math.random() * free.length)]!;
      const result = await this.apply(seeker, jobId);
      if (result === 'unresolved') break;
      if (result === 'quota' && active.size > 0) {
        const [job, id] = [...active][Math.floor(Math.random() * active.size)]!;
        const withdrawn = await this.withdraw(seeker, job, id);
        if (withdrawn === 'unresolved') break;
        if (withdrawn === 'withdrawn') active.delete(job);
      } else if (typeof result === 'object') {
        active.set(jobId, result.id);
      }
    }
  }

  private async apply(seeker: Seeker, jobId: string) {
    const key = `${seeker.accountId}:${jobId}`;
    this.episodes.set(key, (this.episodes.get(key) ?? 0) + 1);
    const r = await this.definite(
      'POST',
      '/api/applications',
      seeker,
      JSON.stringify({ jobId }),
      jobId,
    );
    if (!r) return (this.unresolved++, 'unresolved' as const);
    const { answer, attempts } = r;
    const code = answer.body.error?.code;
    this.noteUsed(answer);
    if (answer.status === 201) {
      const id = (answer.body.application as { id: string }).id;
      return this.applied(seeker, jobId, id, 'applied');
    }
    if (code === 'ALREADY_APPLIED' && attempts > 1) {
      // an earlier attempt was committed but its answer lost: the retry confirms it
      const mine = await this.definite(
        'GET',
        `/api/applications/for-job/${jobId}`,
        seeker,
        '',
        jobId,
      );
      const app = mine?.answer.body.application as { id: string } | null | undefined;
      if (app) return this.applied(seeker, jobId, app.id, 'applied (confirmed by a retry)');
    }
    if (code === 'QUOTA_EXCEEDED')
      return (count(this.outcomes, 'quota exceeded'), 'quota' as const);
    count(this.outcomes, `unexpected ${code ?? answer.status}`);
    this.unexpected.push(`apply ${key} attempt ${attempts}: ${answer.status} ${code ?? ''}`);
    return 'error' as const;
  }

  private applied(seeker: Seeker, jobId: string, id: string, outcome: string) {
    this.applications.set(id, { seekerId: seeker.accountId, jobId });
    if (Number.isNaN(this.firstOkAt)) this.firstOkAt = performance.now();
    count(this.outcomes, outcome);
    return { id };
  }

  private async withdraw(seeker: Seeker, jobId: string, id: string) {
    const url = `/api/applications/${id}/withdraw`;
    const r = await this.definite('POST', url, seeker, '{}', jobId);
    if (!r) return (this.unresolved++, 'unresolved' as const);
    const { answer, attempts } = r;
    this.noteUsed(answer);
    const code = answer.body.error?.code;
    // a retry finding the application already withdrawn confirms the lost answer's change;
    // the final check holds every recorded withdrawal to status = withdrawn
    if (answer.status === 200 || (code === 'CONFLICT' && attempts > 1)) {
      this.withdrawals.add(id);
      if (Number.isNaN(this.firstOkAt)) this.firstOkAt = performance.now();
      count(
        this.outcomes,
        answer.status === 200 ? 'withdrawn' : 'withdrawn (confirmed by a retry)',
      );
      return 'withdrawn' as const;
    }
    count(this.outcomes, `unexpected withdraw ${code ?? answer.status}`);
    this.unexpected.push(`withdraw ${id} attempt ${attempts}: ${answer.status} ${code ?? ''}`);
    return 'error' as const;
  }

  private noteUsed(answer: Answer) {
    const quota = (answer.body.quota ?? (answer.body.error as { details?: unknown })?.details) as
      { used?: number } | undefined;
    if (typeof quota?.used === 'number') this.maxUsedSeen = Math.max(this.maxUsedSeen, quota.used);
  }
}
