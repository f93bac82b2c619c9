import type { Server } from 'socket.io';

/**
 * Lets what a message leaves behind on a WebSocket die young.
 *
 * Every socket's long-lived objects (engine.io's socket, ws's sender and receiver, the TCP
 * socket's write state) sit in V8's old generation. Three places in engine.io and ws hand each
 * message's objects to such an old object and keep them there until that socket's next
 * message, seconds later, or leave them in an old array that has become garbage. Either way
 * the scavenger must keep them (an old object's reference counts as live until a full
 * mark-compact finds it dead), so nearly every outgoing packet, its frame and the 8 KB buffer
 * pool it was cut from were promoted: ≈ 8 MB/s of old generation and ≈ 3 MB/s of buffers at
 * 2,000 messages/s, a mark-compact every 10–30 s that decided the p99, and most of the RSS
 * under load (docs/benchmarks-chat.md, session 15). What changes, per prototype, once:
 *
 * - engine.io's WebSocket transport empties the packet array it was given once `send` has
 *   written it (the engine socket's previous write buffer, allocated one message earlier and
 *   so old by now). Writing is synchronous for this transport.
 * - ws's sender writes a frame's header and payload as one buffer instead of `cork()`, two
 *   `write()`s and `uncork()`: the corked writes wait in the TCP socket's buffer array, which is
 *   replaced by a new array after each uncork and so is always old and full of the last
 *   frame. Frames over 16 KB keep ws's own path (a copy would cost more than it saves).
 * - ws's receiver forgets a frame's mask once the frame's payload is read: the mask is a view
 *   into the TCP chunk it came in, which it otherwise kept until the socket's next frame. It
 *   also keeps one array for a message's fragments, emptied as soon as the message is put
 *   together, instead of a new array per message that the next message's data lands in.
 * - engine.io's socket keeps its write buffer array when the transport has emptied it, instead
 *   of a new array per flush.
 *
 * The patches are applied from the first connection's own objects, so they reach the copies of
 * engine.io and ws that socket.io really uses (engine.io has its own ws). Each checks the
 * members it relies on and leaves the library alone if they are not there; a test notices.
 */
export function keepSendsYoung(io: Server) {
  io.engine.on('connection', (conn: EngineSocket) => {
    patchEngineSocket(Object.getPrototypeOf(conn) as EngineSocket, conn);
    patchTransport(conn.transport);
    conn.once('upgrade', (transport: EngineTransport) => patchTransport(transport));
  });
}

interface EngineSocket {
  transport: EngineTransport;
  writeBuffer: unknown[];
  flush(): void;
  once(event: 'upgrade', listener: (transport: EngineTransport) => void): void;
}
interface EngineTransport {
  name: string;
  send(packets: unknown[]): void;
  socket?: { _sender?: object; _receiver?: object };
}
interface WsSender {
  _socket: { write(chunk: Buffer, cb?: (err?: Error) => void): boolean };
  sendFrame(list: (Buffer | string)[], cb?: (err?: Error) => void): void;
}
interface WsReceiver {
  _mask: Buffer | undefined;
  _fragments: unknown[];
  _binaryType: string;
  dataMessage(cb: unknown): void;
  _payloadLength: number;
  _bufferedBytes: number;
  getData(cb: unknown): void;
}

/** frames up to this size are copied into one buffer; larger ones keep ws's corked writes */
const SINGLE_WRITE_LIMIT = 16 * 1024;

const patched = new WeakSet<object>();

function once(proto: object, patch: () => void) {
  if (patched.has(proto)) return;
  patched.add(proto);
  patch();
}

function patchEngineSocket(proto: EngineSocket, sample: EngineSocket) {
  once(proto, () => {
    const flush = proto.flush;
    if (typeof flush !== 'function' || !Array.isArray(sample.writeBuffer)) return;
    proto.flush = function (this: EngineSocket) {
      const written = this.writeBuffer;
      flush.call(this);
      // the WebSocket transport emptied it while writing (above): it can take the next packets
      if (this.writeBuffer !== written && this.writeBuffer.length === 0 && written.length === 0) {
        this.writeBuffer = written;
      }
    };
  });
}

function patchTransport(transport: EngineTransport) {
  if (transport.name !== 'websocket') return;
  const proto = Object.getPrototypeOf(transport) as EngineTransport;
  once(proto, () => {
    const send = proto.send;
    if (typeof send !== 'function' || send.length !== 1) return;
    proto.send = function (this: EngineTransport, packets: unknown[]) {
      send.call(this, packets);
      packets.length = 0;
    };
  });
  const sender = transport.socket?._sender as WsSender | undefined;
  if (sender) patchSender(Object.getPrototypeOf(sender) as WsSender, sender);
  const receiver = transport.socket?._receiver as WsReceiver | undefined;
  if (receiver) patchReceiver(Object.getPrototypeOf(receiver) as WsReceiver, receiver);
}

function patchSender(proto: WsSender, sample: WsSender) {
  once(proto, () => {
    const sendFrame = proto.sendFrame;
    if (typeof sendFrame !== 'function' || !('_socket' in sample)) return;
    proto.sendFrame = function (this: WsSender, list, cb) {
      if (list.length !== 2) return sendFrame.call(this, list, cb);
      const [head, data] = list as [Buffer, Buffer | string];
      const size = head.length + (typeof data === 'string' ? Buffer.byteLength(data) : data.length);
      if (size > SINGLE_WRITE_LIMIT) return sendFrame.call(this, list, cb);
      const frame = Buffer.allocUnsafe(size);
      head.copy(frame, 0);
      if (typeof data === 'string') frame.write(data, head.length);
      else frame.set(data, head.length);
      this._socket.write(frame, cb);
    };
  });
}

function patchReceiver(proto: WsReceiver, sample: WsReceiver) {
  once(proto, () => {
    const getData = proto.getData;
    const members = ['_mask', '_payloadLength', '_bufferedBytes'] as const;
    if (typeof getData !== 'function' || !members.every((m) => m in sample)) return;
    proto.getData = function (this: WsReceiver, cb: unknown) {
      // still waiting for the rest of the payload: the mask is needed when it comes
      const waiting = this._payloadLength > 0 && this._bufferedBytes < this._payloadLength;
      getData.call(this, cb);
      if (!waiting) this._mask = undefined;
    };
    const dataMessage = proto.dataMessage;
    if (typeof dataMessage !== 'function' || !Array.isArray(sample._fragments)) return;
    proto.dataMessage = function (this: WsReceiver, cb: unknown) {
      const fragments = this._fragments;
      dataMessage.call(this, cb);
      // a finished message was copied or sliced out of its fragments (binaryType 'fragments'
      // alone hands the array itself to the listener)
      const finished = this._fragments !== fragments && this._fragments.length === 0;
      if (finished && this._binaryType !== 'fragments') {
        fragments.length = 0;
        this._fragments = fragments;
      }
    };
  });
}
