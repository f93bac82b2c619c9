// A lean socket.io client for load generation: the Engine.IO v4 / Socket.IO v5 wire protocol
// over a bare `ws` WebSocket, the same library the bare relay baseline's clients use. Ten
// thousand `socket.io-client` instances in one Node process cost some 360 MB of heap and
// mark-compacts of up to 260 ms in the load generator itself, which were measured as message
// latency; real clients are ten thousand separate devices. Text packets only (no binary
// attachments), the default namespace only, no reconnection.
//
// Protocol (https://socket.io/docs/v4/socket-io-protocol/): the server opens with `0{…}`
// (Engine.IO open); the client connects the namespace with `40`, the server answers `40{sid}`
// or `44{message}`; the server pings `2`, the client answers `3`; an event is `42[name, data]`,
// with an acknowledgement id `42<id>[name, data]`, answered by `43<id>[answer]`.
import WebSocket from 'ws';

type Listener = (data: unknown) => void;

export class WireSocket {
  private nextAckId = 0;
  private readonly acks = new Map<number, (answer: unknown) => void>();
  private readonly listeners = new Map<string, Listener[]>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => this.onFrame(String(raw)));
    ws.on('close', () => {
      for (const done of this.acks.values()) done(undefined);
      this.acks.clear();
    });
  }

  /** Opens `base`'s socket.io endpoint with the given cookie and connects the default namespace. */
  static open(base: string, cookie: string, timeoutMs = 30_000): Promise<WireSocket> {
    const url = `${base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('socket.io connect timed out')), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        ws.terminate();
        reject(err);
      };
      ws.once('error', fail);
      ws.on('message', function handshake(raw) {
        const frame = String(raw);
        if (frame.startsWith('0')) ws.send('40');
        else if (frame.startsWith('40')) {
          ws.off('message', handshake);
          ws.off('error', fail);
          clearTimeout(timer);
          resolve(new WireSocket(ws));
        } else if (frame.startsWith('44')) fail(new Error(`connect refused: ${frame.slice(2)}`));
      });
    });
  }

  on(event: string, listener: Listener): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
  }

  /** Emits with an acknowledgement; resolves with the server's answer, or undefined on timeout or close. */
  emitWithAck(event: string, data: unknown, timeoutMs = 10_000): Promise<unknown> {
    const id = this.nextAckId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.acks.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.ws.send(`42${id}${JSON.stringify([event, data])}`);
    });
  }

  close(): void {
    this.ws.close();
  }

  private onFrame(frame: string) {
    if (frame === '2') return this.ws.send('3');
    if (frame.startsWith('42')) {
      const [event, data] = JSON.parse(frame.slice(2)) as [string, unknown];
      for (const listener of this.listeners.get(event) ?? []) listener(data);
    } else if (frame.startsWith('43')) {
      const bracket = frame.indexOf('[');
      const id = Number(frame.slice(2, bracket));
      const done = this.acks.get(id);
      this.acks.delete(id);
      done?.((JSON.parse(frame.slice(bracket)) as unknown[])[0]);
    }
  }
}
