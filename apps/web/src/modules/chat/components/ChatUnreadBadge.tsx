import type { ReactNode } from 'react';
import { Badge } from 'antd';
import { useConversations } from '../api/chat.api.ts';

/** The live unread count of chat messages around a tab or menu label. */
export function ChatUnreadBadge({ children }: { children: ReactNode }) {
  const list = useConversations();
  return (
    <Badge
      count={list.data?.unread ?? 0}
      size="small"
      offset={[6, -2]}
      data-testid="chat-unread-badge"
    >
      {children}
    </Badge>
  );
}
