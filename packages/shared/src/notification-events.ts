// The notification centre's socket.io event names, without zod (every signed-in layout
// listens to them). notifications.ts re-exports them.

/** Socket events of the notification centre. */
export const notificationSocketEvents = {
  /** server → client: `{ notification, unread }` */
  created: 'notification:created',
  /** server → client: `{ unread }` after a mark-read elsewhere */
  unread: 'notification:unread',
} as const;
