import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io's own listener type
type Listener = (...args: any[]) => void;

/**
 * One socket.io connection per tab while signed in (the session cookie authenticates it),
 * closed on sign-out. It reconnects by itself; listeners of `onReconnect` catch up what they
 * missed.
 *
 * socket.io-client (13 KB gzipped) is a chunk of its own, loaded once the page has drawn
 * (the first idle moment): the layout and the page do not wait for it. Until it is there,
 * `LiveSocket` keeps the listeners and holds emits back; live badges and the incoming-call
 * notice start with the connection, and every `useOnConnect` catches up then.
 */
export class LiveSocket {
  private socket: Socket | null = null;
  private loading: Promise<Socket> | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    this.socket?.on(event, listener);
    this.open();
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    this.socket?.off(event, listener);
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    void this.open().then((socket) => socket.emit(event, ...args));
    return this;
  }

  /** `socket.timeout(ms).emitWithAck(…)`; the time counts from when the client is loaded. */
  timeout(ms: number) {
    return {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as socket.io's emitWithAck
      emitWithAck: (event: string, ...args: unknown[]): Promise<any> =>
        this.open().then((socket) => socket.timeout(ms).emitWithAck(event, ...args)),
    };
  }

  /** Loads the client after the first paint and connects (once, until `close`). */
  open(): Promise<Socket> {
    if (this.loading) return this.loading;
    const loading: Promise<Socket> = afterFirstPaint()
      .then(() => import('socket.io-client'))
      .then(({ io }) => {
        const socket = io({
          path: '/socket.io',
          transports: ['websocket', 'polling'],
          withCredentials: true,
        });
        // signed out while the client was loading: `close` ends this one
        if (this.loading !== loading) return socket;
        socket.on('connect', () => setConnected(true));
        socket.on('disconnect', () => setConnected(false));
        for (const [event, set] of this.listeners) for (const l of set) socket.on(event, l);
        this.socket = socket;
        return socket;
      });
    this.loading = loading;
    return loading;
  }

  close() {
    const loading = this.loading;
    this.loading = null;
    this.socket = null;
    void loading?.then((socket) => socket.close());
    setConnected(false);
  }
}

function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 1500 });
    else setTimeout(resolve, 200);
  });
}

const live = new LiveSocket();
let connected = false;
const statusListeners = new Set<() => void>();

function setConnected(value: boolean) {
  connected = value;
  for (const l of statusListeners) l();
}

export function getSocket(): LiveSocket {
  return live;
}

export function closeSocket() {
  live.close();
}

/** Subscribes to a server event for the life of the component. */
export function useSocketEvent<T>(event: string, handler: (data: T) => void, enabled = true) {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (data: T) => ref.current(data);
    live.on(event, listener);
    return () => {
      live.off(event, listener);
    };
  }, [event, enabled]);
}

/** Runs after every (re)connection, e.g. to fetch what was missed. */
export function useOnConnect(handler: () => void, enabled = true) {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = () => ref.current();
    live.on('connect', listener);
    return () => {
      live.off('connect', listener);
    };
  }, [enabled]);
}

export function useSocketConnected(): boolean {
  return useSyncExternalStore(
    (l) => {
      statusListeners.add(l);
      return () => statusListeners.delete(l);
    },
    () => connected,
  );
}
