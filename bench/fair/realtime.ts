// socket.io clients as the web app opens them, and the ledger of chat messages: every message
// sent is expected exactly once at its recipient's socket (lost / duplicated counts).
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { chatSocketEvents } from '@hirehall/shared/chat';
import { percentile, type Recorder } from './recorder.ts';
import type { Session } from './seed.ts';

/**
 * A websocket-only socket with the session cookie. `node` (cluster runs) adds HAProxy's
 * `hh_node` cookie, which pins the connection to that server process.
 */
export async function connectSocket(
  baseUrl: string,
  who: Session,
  recorder: Recorder,
  node?: string,
): Promise<Socket | null> {
  const cookie = `hh_session=${who.token}${node ? `; hh_node=${node}` : ''}`;
  const t0 = performance.now();
  const socket = io(baseUrl, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
    timeout: 30_000,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      recorder.record('socket connect', performance.now() - t0, 'ok', false);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      recorder.record('socket connect', performance.now() - t0, err.message, true);
      socket.close();
      resolve(null);
    });
  });
}

interface Sent {
  at: number;
  recipient: string;
  acked: boolean;
  crossProcess: boolean;
}

export interface ChatSummary {
  sent: number;
  acked: number;
  notAcked: number;
  received: number;
  /** acknowledged but never received by the recipient */
  lost: number;
  duplicated: number;
  /** messages whose sender and recipient sockets were on different processes */
  crossProcess: number;
  crossProcessReceived: number;
  deliveryP50: number;
  deliveryP95: number;
  deliveryP99: number;
}

export class ChatLedger {
  private readonly sent = new Map<string, Sent>();
  private readonly got = new Map<string, number>();
  private readonly delivery: number[] = [];
  private duplicated = 0;

  /** Listens on a party's socket: `recipient` is the seeker's account or the employer's org. */
  listen(socket: Socket, recipient: string) {
    socket.on(chatSocketEvents.message, (m: { clientId: string }) => {
      const s = this.sent.get(m.clientId);
      if (!s || s.recipient !== recipient) return; // the sender's own copy
      const n = (this.got.get(m.clientId) ?? 0) + 1;
      this.got.set(m.clientId, n);
      if (n > 1) this.duplicated++;
      else this.delivery.push(performance.now() - s.at);
    });
  }

  /** Sends one text message and waits for the ack (the message is then stored). */
  async send(
    socket: Socket,
    recorder: Recorder,
    input: { conversationId: string; recipient: string; body: string; crossProcess: boolean },
  ): Promise<boolean> {
    const clientId = randomUUID();
    const entry: Sent = {
      at: performance.now(),
      recipient: input.recipient,
      acked: false,
      crossProcess: input.crossProcess,
    };
    this.sent.set(clientId, entry);
    const ack = (await socket
      .timeout(15_000)
      .emitWithAck(chatSocketEvents.send, {
        conversationId: input.conversationId,
        clientId,
        kind: 'text',
        body: input.body,
      })
      .catch(() => ({ ok: false, error: { code: 'ACK_TIMEOUT' } }))) as {
      ok: boolean;
      error?: { code: string };
    };
    entry.acked = ack.ok;
    recorder.record(
      'chat:send (ack)',
      performance.now() - entry.at,
      ack.ok ? 'ok' : (ack.error?.code ?? 'failed'),
      !ack.ok,
    );
    return ack.ok;
  }

  ackedClientIds() {
    return [...this.sent].filter(([, s]) => s.acked).map(([id]) => id);
  }

  /** Waits until every acknowledged message arrived, or `ms`. */
  async settle(ms: number) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const missing = [...this.sent].some(([id, s]) => s.acked && !this.got.has(id));
      if (!missing) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  summary(): ChatSummary {
    const all = [...this.sent];
    const acked = all.filter(([, s]) => s.acked);
    const cross = all.filter(([, s]) => s.crossProcess);
    const sorted = [...this.delivery].sort((a, b) => a - b);
    const r = (v: number) => Math.round(v * 10) / 10;
    return {
      sent: all.length,
      acked: acked.length,
      notAcked: all.length - acked.length,
      received: this.got.size,
      lost: acked.filter(([id]) => !this.got.has(id)).length,
      duplicated: this.duplicated,
      crossProcess: cross.length,
      crossProcessReceived: cross.filter(([id]) => this.got.has(id)).length,
      deliveryP50: r(percentile(sorted, 50)),
      deliveryP95: r(percentile(sorted, 95)),
      deliveryP99: r(percentile(sorted, 99)),
    };
  }
}
