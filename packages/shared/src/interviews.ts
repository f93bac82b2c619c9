import { z } from 'zod';
import type { TransitionTable } from './workflow.ts';

export * from './interview-events.ts';

/**
 * 面试邀约 (DOMAIN "Meeting"): `invited → attending` [seeker attends] `→ confirmed` [employer
 * confirms; detailed notice] `→ done` [result marked]; `invited → declined` (voids the
 * application); `invited | attending | confirmed → cancelled` [employer]; reschedule returns
 * to `invited` with the new time.
 */
export const interviewStatuses = [
  'invited',
  'attending',
  'confirmed',
  'declined',
  'cancelled',
  'done',
] as const;
export type InterviewStatus = (typeof interviewStatuses)[number];
export const interviewEvents = [
  'attend',
  'decline',
  'confirm',
  'reschedule',
  'cancel',
  'complete',
] as const;
export type InterviewEvent = (typeof interviewEvents)[number];

export const interviewTransitions = {
  invited: { attend: 'attending', decline: 'declined', reschedule: 'invited', cancel: 'cancelled' },
  attending: { confirm: 'confirmed', reschedule: 'invited', cancel: 'cancelled' },
  confirmed: { reschedule: 'invited', cancel: 'cancelled', complete: 'done' },
  declined: {},
  cancelled: {},
  done: {},
} as const satisfies TransitionTable<InterviewStatus, InterviewEvent>;

/** Who may fire each event. */
export const interviewEventActors: Record<InterviewEvent, 'seeker' | 'employer'> = {
  attend: 'seeker',
  decline: 'seeker',
  confirm: 'employer',
  reschedule: 'employer',
  cancel: 'employer',
  complete: 'employer',
};

/** States that hold a time slot (one per application, and listed on the agenda). */
export const openInterviewStatuses: InterviewStatus[] = ['invited', 'attending', 'confirmed'];

export const interviewStatusLabels: Record<InterviewStatus, string> = {
  invited: '待回复',
  attending: '待单位确认',
  confirmed: '已确认',
  declined: '不参加',
  cancelled: '已取消',
  done: '已结束',
};

export const interviewEventLabels: Record<InterviewEvent, string> = {
  attend: '参加面试',
  decline: '不参加面试',
  confirm: '确认面试',
  reschedule: '改期',
  cancel: '取消面试',
  complete: '结束面试',
};

export const interviewModes = ['video', 'onsite'] as const;
export type InterviewMode = (typeof interviewModes)[number];
export const interviewModeLabels: Record<InterviewMode, string> = {
  video: '视频面试',
  onsite: '现场面试',
};

export const interviewResults = ['suitable', 'unsuitable', 'undecided'] as const;
export type InterviewResult = (typeof interviewResults)[number];
export const interviewResultLabels: Record<InterviewResult, string> = {
  suitable: '合适',
  unsuitable: '不合适',
  undecided: '待定',
};

/**
 * One call attempt of a video interview: `ringing → connected → ended`; `ringing → declined |
 * missed` [no answer in 30 s]; the employer may stop ringing (`ended`); a dropped call ends
 * as `interrupted`, and calling again starts a new call.
 */
export const callStatuses = [
  'ringing',
  'connected',
  'ended',
  'declined',
  'missed',
  'interrupted',
] as const;
export type CallStatus = (typeof callStatuses)[number];
export type CallEvent = 'accept' | 'decline' | 'timeout' | 'hangup' | 'drop';

export const callTransitions = {
  ringing: { accept: 'connected', decline: 'declined', timeout: 'missed', hangup: 'ended' },
  connected: { hangup: 'ended', drop: 'interrupted' },
  ended: {},
  declined: {},
  missed: {},
  interrupted: {},
} as const satisfies TransitionTable<CallStatus, CallEvent>;

export const activeCallStatuses: CallStatus[] = ['ringing', 'connected'];

export const callStatusLabels: Record<CallStatus, string> = {
  ringing: '呼叫中',
  connected: '通话中',
  ended: '已结束',
  declined: '已拒接',
  missed: '未接听',
  interrupted: '通话中断',
};

export const CALL_RING_SECONDS = 30;

/* ---------- schemas ---------- */
const phoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '请输入有效的联系电话');

export const interviewDetailsSchema = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.coerce.number().int().min(5).max(480).default(30),
  mode: z.enum(interviewModes),
  place: z.string().trim().max(200).default(''),
  contactName: z.string().trim().min(1, '请填写联系人').max(40),
  contactPhone: phoneSchema,
  notes: z.string().trim().max(1000).default(''),
});
export type InterviewDetails = z.infer<typeof interviewDetailsSchema>;

export const inviteSchema = interviewDetailsSchema.extend({ applicationId: z.uuid() });
export type InviteInput = z.input<typeof inviteSchema>;

export const rescheduleSchema = interviewDetailsSchema.extend({
  reason: z.string().trim().max(200).default(''),
});
export type RescheduleInput = z.input<typeof rescheduleSchema>;

export const cancelSchema = z.object({ reason: z.string().trim().max(200).default('') });

export const resultSchema = z.object({
  result: z.enum(interviewResults),
  notes: z.string().trim().max(1000).default(''),
});
export type ResultInput = z.input<typeof resultSchema>;

export const callSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(callStatuses),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

export const interviewSchema = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  jobId: z.uuid(),
  jobTitle: z.string(),
  organizationName: z.string(),
  seekerAccountId: z.uuid(),
  seekerName: z.string(),
  status: z.enum(interviewStatuses),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  mode: z.enum(interviewModes),
  /** place, contact and notes are the detailed notice: the seeker sees them once confirmed */
  place: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  notes: z.string().nullable(),
  result: z.enum(interviewResults).nullable(),
  resultNotes: z.string().nullable(),
  /** the seeker has not opened the notice since it was sent or changed (面试通知 NEW) */
  isNew: z.boolean(),
  /**
   * a calendar file was issued (the interview was confirmed once): /calendar.ics serves it in
   * every later state, a cancellation as METHOD:CANCEL to take the event out of the calendar
   */
  hasCalendar: z.boolean(),
  /** dropped calls (seed 001 §3.3), each recorded */
  interruptions: z.array(z.object({ callId: z.uuid(), at: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Interview = z.infer<typeof interviewSchema>;

export const interviewListSchema = z.object({ items: z.array(interviewSchema) });
export const interviewListQuerySchema = z.object({
  applicationId: z.uuid().optional(),
  status: z.enum(interviewStatuses).optional(),
});

export const agendaItemSchema = interviewSchema.extend({
  /** ids of this seeker's other open interviews whose time overlaps this one */
  clashesWith: z.array(z.uuid()),
});
export const agendaSchema = z.object({ items: z.array(agendaItemSchema) });
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const hallEntrySchema = interviewSchema.extend({
  online: z.boolean(),
  activeCall: callSummarySchema.nullable(),
});
export type HallEntry = z.infer<typeof hallEntrySchema>;
export const hallQueueSchema = z.object({
  date: z.string(),
  items: z.array(hallEntrySchema),
  /** how long a call rings before it ends as missed (configured on the server) */
  ringSeconds: z.number().int(),
});
export type HallQueue = z.infer<typeof hallQueueSchema>;

export const queuePositionSchema = z.object({
  interviewId: z.uuid(),
  /** 1 = next; null when the interview is not in today's queue */
  position: z.number().int().nullable(),
  ahead: z.number().int(),
  estimatedWaitMinutes: z.number().int().nullable(),
  activeCall: callSummarySchema.nullable(),
  /** how long a call rings (configured on the server): a ringing call found on reload ends then */
  ringSeconds: z.number().int(),
});
export type QueuePosition = z.infer<typeof queuePositionSchema>;

export const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

/** What a party receives when a call starts or is accepted. */
export interface CallJoin {
  call: CallSummary;
  interviewId: string;
  iceServers: IceServer[];
}

export const callIdSchema = z.object({ callId: z.uuid() });
export const startCallSchema = z.object({ interviewId: z.uuid() });
export const signalSchema = z.object({
  callId: z.uuid(),
  description: z
    .object({
      type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
      sdp: z.string().max(60_000),
    })
    .optional(),
  candidate: z
    .object({
      candidate: z.string().max(2000),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type SignalPayload = z.infer<typeof signalSchema>;

/** Two open interviews clash when their time ranges overlap. */
export function overlaps(
  a: { startsAt: string; durationMinutes: number },
  b: { startsAt: string; durationMinutes: number },
): boolean {
  const a0 = Date.parse(a.startsAt);
  const b0 = Date.parse(b.startsAt);
  return a0 < b0 + b.durationMinutes * 60_000 && b0 < a0 + a.durationMinutes * 60_000;
}
