import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  chatSocketEvents as ev,
  isPeerPresence,
  SeqTracker,
  type ChatAck,
  type PresencePeer,
} from '@hirehall/shared/chat-events';
import type { ChatMessage, Conversation, Hall } from '@hirehall/shared/chat';
import { api, ApiError } from '../../../lib/api.ts';
import { getSocket, useOnConnect, useSocketEvent } from '../../notifications/api/socket.ts';

export const chatKeys = {
  conversations: ['chat', 'conversations'] as const,
  conversation: (id: string) => ['chat', 'conversation', id] as const,
  hall: (fairId?: string, mark?: string) => ['chat', 'hall', fairId ?? '', mark ?? ''] as const,
};

/** The conversation list with unread counts, refreshed by every message event. */
export function useConversations(enabled = true) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: chatKeys.conversations,
    queryFn: () => api<{ items: Conversation[]; unread: number }>('/api/chat/conversations'),
    enabled,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: chatKeys.conversations });
  useSocketEvent(ev.message, refresh, enabled);
  useSocketEvent(ev.readBy, refresh, enabled);
  useOnConnect(refresh, enabled);
  return query;
}

export function useHall(fairId?: string, mark?: string) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: chatKeys.hall(fairId, mark),
    queryFn: () => api<Hall>('/api/chat/hall', { query: { fairId, mark } }),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['chat', 'hall'] });
  useSocketEvent(ev.message, refresh);
  useOnConnect(refresh);

  // online dots: watch the listed candidates; presence events then update them in place
  const setOnline = (isOnline: (accountId: string) => boolean | undefined) =>
    qc.setQueriesData<Hall>({ queryKey: ['chat', 'hall'] }, (hall) =>
      hall
        ? {
            ...hall,
            candidates: hall.candidates.map((c) => {
              const online = isOnline(c.seekerAccountId);
              return online === undefined || online === c.online ? c : { ...c, online };
            }),
          }
        : hall,
    );
  const ids = [...new Set((query.data?.candidates ?? []).map((c) => c.seekerAccountId))].slice(
    0,
    500,
  );
  const watchKey = ids.join(',');
  const watch = () => {
    if (ids.length === 0) return;
    void emitWithAck<{ online: string[] }>(ev.watch, { accountIds: ids })
      .then(({ online }) => {
        const now = new Set(online);
        setOnline((id) => (ids.includes(id) ? now.has(id) : undefined));
      })
      .catch(() => undefined);
  };
  const watchRef = useRef(watch);
  useEffect(() => {
    watchRef.current = watch;
  });
  useEffect(() => {
    if (watchKey && getSocket().connected) watchRef.current();
  }, [watchKey]);
  useOnConnect(() => watchRef.current());
  useSocketEvent<{ accountId?: string; online: boolean }>(ev.presence, (p) => {
    if (p.accountId) setOnline((id) => (id === p.accountId ? p.online : undefined));
  });
  return query;
}

export function emitWithAck<T>(event: string, payload: unknown): Promise<T> {
  return getSocket()
    .timeout(10_000)
    .emitWithAck(event, payload)
    .then((answer: ChatAck<T>) => {
      if (answer.ok) return answer.data;
      throw new ApiError(answer.error.code, answer.error.message, 400);
    });
}

export interface OutgoingMessage {
  clientId: string;
  body: string;
  kind: 'text' | 'image';
  state: 'sending' | 'failed';
  imageFileId?: string;
}

/**
 * One open conversation: joins its room, loads the latest page, merges live messages by
 * sequence number, syncs from the last contiguous sequence after every reconnect and whenever
 * a live message skips ahead, and sends with a client id so that retrying (automatic on
 * reconnect, or by hand) never duplicates.
 */
export function useChat(conversationId: string) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [outbox, setOutbox] = useState<OutgoingMessage[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [peerOnline, setPeerOnline] = useState(false);
  const [peerTyping, setPeerTyping] = useState(false);
  const seqs = useRef(new SeqTracker());
  const loaded = useRef(false);
  /** live messages that arrived before the first page */
  const early = useRef<ChatMessage[]>([]);
  const filling = useRef<{ again: boolean } | null>(null);
  const peer = useRef<PresencePeer | null>(null);
  const pending = useRef<OutgoingMessage[]>([]);
  const qc = useQueryClient();
  useEffect(() => {
    pending.current = outbox;
  }, [outbox]);

  const merge = useCallback((incoming: ChatMessage[]) => {
    if (incoming.length === 0) return;
    seqs.current.add(incoming.map((m) => m.seq));
    setMessages((prev) => {
      const bySeq = new Map(prev.map((m) => [m.seq, m]));
      for (const m of incoming) bySeq.set(m.seq, m);
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    });
    setOutbox((prev) => prev.filter((o) => !incoming.some((m) => m.clientId === o.clientId)));
  }, []);

  /** Fetches everything after the last contiguous sequence; one run at a time. */
  const fill = useCallback(async () => {
    if (filling.current) {
      filling.current.again = true;
      return;
    }
    filling.current = { again: false };
    try {
      do {
        filling.current.again = false;
        for (;;) {
          const page = await emitWithAck<{ items: ChatMessage[]; hasMore: boolean }>(ev.sync, {
            conversationId,
            afterSeq: seqs.current.upTo,
          });
          merge(page.items);
          if (!page.hasMore || page.items.length === 0) break;
        }
      } while (filling.current.again);
    } finally {
      filling.current = null;
    }
  }, [conversationId, merge]);

  const catchUp = useCallback(async () => {
    const joined = await emitWithAck<{
      lastSeq: number;
      peerOnline: boolean;
      peer?: PresencePeer;
    }>(ev.join, { conversationId });
    peer.current = joined.peer ?? null;
    setPeerOnline(joined.peerOnline);
    if (!loaded.current) {
      const page = await api<{ items: ChatMessage[]; hasMore: boolean }>(
        `/api/chat/conversations/${conversationId}/messages`,
        { query: { limit: 30 } },
      );
      setHasOlder(page.hasMore);
      seqs.current.start(page.items.at(-1)?.seq ?? 0);
      merge(page.items);
      merge(early.current);
      early.current = [];
      loaded.current = true;
      if (seqs.current.hasGap || joined.lastSeq > seqs.current.upTo) await fill();
    } else {
      await fill();
    }
  }, [conversationId, merge, fill]);

  // mounted per conversation (callers key the panel by id)
  useEffect(() => {
    if (getSocket().connected)
      void Promise.resolve()
        .then(catchUp)
        .catch(() => undefined);
  }, [conversationId, catchUp]);

  useSocketEvent<ChatMessage>(ev.message, (m) => {
    if (m.conversationId !== conversationId) return;
    if (!loaded.current) {
      early.current.push(m);
      return;
    }
    merge([m]);
    // the sequence skipped ahead: fetch what was missed
    if (seqs.current.hasGap) void fill().catch(() => undefined);
  });
  useSocketEvent<{ conversationId: string; side: string }>(ev.typingBy, (t) => {
    if (t.conversationId !== conversationId) return;
    setPeerTyping(true);
    window.setTimeout(() => setPeerTyping(false), 3000);
  });
  // presence events of other watched accounts (the hall's candidates) are not about this peer
  useSocketEvent<{ accountId?: string; organizationId?: string; online: boolean }>(
    ev.presence,
    (p) => {
      if (isPeerPresence(peer.current, p)) setPeerOnline(p.online);
    },
  );

  const send = useCallback(
    async (o: OutgoingMessage) => {
      setOutbox((prev) => [
        ...prev.filter((x) => x.clientId !== o.clientId),
        { ...o, state: 'sending' },
      ]);
      try {
        const payload =
          o.kind === 'text'
            ? { conversationId, clientId: o.clientId, kind: 'text', body: o.body }
            : { conversationId, clientId: o.clientId, kind: 'image', imageFileId: o.imageFileId };
        const stored = await emitWithAck<ChatMessage>(ev.send, payload);
        merge([stored]);
        // the server echoes a message to the sender's other tabs, not to this socket: the
        // conversation list (last message, order) refreshes here
        void qc.invalidateQueries({ queryKey: chatKeys.conversations });
      } catch (e) {
        setOutbox((prev) =>
          prev.map((x) => (x.clientId === o.clientId ? { ...x, state: 'failed' } : x)),
        );
        throw e;
      }
    },
    [conversationId, merge, qc],
  );

  useOnConnect(() => {
    void catchUp().catch(() => undefined);
    // resend what was pending when the connection dropped (same client ids)
    for (const o of pending.current) void send(o).catch(() => undefined);
  });

  const loadOlder = useCallback(async () => {
    const first = messages[0]?.seq;
    if (!first) return;
    const page = await api<{ items: ChatMessage[]; hasMore: boolean }>(
      `/api/chat/conversations/${conversationId}/messages`,
      { query: { beforeSeq: first, limit: 30 } },
    );
    setHasOlder(page.hasMore);
    merge(page.items);
  }, [conversationId, messages, merge]);

  const markRead = useCallback(
    async (seq: number) => {
      await emitWithAck(ev.read, { conversationId, seq }).catch(() => undefined);
      void qc.invalidateQueries({ queryKey: ['chat'] });
    },
    [conversationId, qc],
  );

  const typing = useCallback(
    () => getSocket().emit(ev.typing, { conversationId }),
    [conversationId],
  );

  return { messages, outbox, hasOlder, peerOnline, peerTyping, send, loadOlder, markRead, typing };
}

export async function uploadChatImage(conversationId: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<{ fileId: string; thumbFileId: string }>(
    `/api/chat/conversations/${conversationId}/images`,
    {
      method: 'POST',
      body: form,
    },
  );
}
