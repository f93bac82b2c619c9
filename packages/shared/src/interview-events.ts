// The interview hall's socket.io event names, without zod (the seeker layout listens for
// calls on every page). interviews.ts re-exports them.

/** socket.io events of the interview hall. */
export const callSocketEvents = {
  /** employer → server `{ interviewId }`, ack `CallJoin` */
  start: 'interview:call:start',
  /** seeker → server `{ callId }`, ack `CallJoin` */
  accept: 'interview:call:accept',
  /** seeker → server `{ callId }` */
  decline: 'interview:call:decline',
  /** either party → server `{ callId }` */
  hangup: 'interview:call:hangup',
  /** either party → server `{ callId, description? , candidate? }`; relayed to the other */
  signal: 'interview:call:signal',
  /** server → seeker: `{ callId, interviewId, organizationName, jobTitle, ringSeconds }` */
  ringing: 'interview:call:ringing',
  /** server → both parties: `{ callId, interviewId, status }` on every state change */
  status: 'interview:call:status',
} as const;
