import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';

/**
 * One socket.io connection per tab, opened on first use while signed in (the session cookie
 * authenticates it) and closed on sign-out. It reconnects by itself; listeners of
 * `onReconnect` catch up what they missed.
 */
let socket: Socket | null = null;
let connected = false;
const statusListeners = new Set<() => void>();

function setConnected(value: boolean) {
  connected = value;
  for (const l of statusListeners) l();
}

export function getSocket(): Socket {
  if (!socket) {
    socket = io({
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      withCredentials: true,
    });
    socket.on('connect', () => setConnected(true));
    socket.on('disconnect', () => setConnected(false));
  }
  return socket;
}

export function closeSocket() {
  socket?.close();
  socket = null;
  setConnected(false);
}

/** Subscribes to a server event for the life of the component. */
export function useSocketEvent<T>(event: string, handler: (data: T) => void, enabled = true) {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const s = getSocket();
    const listener = (data: T) => ref.current(data);
    s.on(event, listener);
    return () => {
      s.off(event, listener);
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
    const s = getSocket();
    const listener = () => ref.current();
    s.on('connect', listener);
    return () => {
      s.off('connect', listener);
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
