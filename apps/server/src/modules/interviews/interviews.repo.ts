import { sql } from 'drizzle-orm';
import type { Interview, CallSummary } from '@hirehall/shared/interviews';
import { queryRows, type Queryable } from '../../platform/db/database.ts';

export interface InterviewRow {
  id: string;
  application_id: string;
  organization_id: string;
  seeker_account_id: string;
  job_id: string;
  status: Interview['status'];
  starts_at: Date | string;
  duration_minutes: number;
  mode: Interview['mode'];
  place: string;
  contact_name: string;
  contact_phone: string;
  notes: string;
  result: Interview['result'];
  result_notes: string | null;
  seen_at: Date | string | null;
  /** null until a calendar was issued (the first confirmation) */
  calendar_sequence: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  job_title: string;
  organization_name: string;
  seeker_name: string;
  interruptions: { callId: string; at: string }[] | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

/** Rows with the names a view needs and the recorded interruptions. */
export async function selectInterviews(q: Queryable, where: ReturnType<typeof sql>) {
  return queryRows<InterviewRow>(
    q,
    sql`select i.id, i.application_id, i.organization_id, i.seeker_account_id, i.job_id, i.status,
          i.starts_at, i.duration_minutes, i.mode, i.place, i.contact_name, i.contact_phone,
          i.notes, i.result, i.result_notes, i.seen_at, i.calendar_sequence, i.created_at,
          i.updated_at,
          coalesce(j.title, '') as job_title, o.name as organization_name,
          a.display_name as seeker_name,
          (select json_agg(json_build_object('callId', c.id, 'at', c.ended_at) order by c.ended_at)
             from interview_calls c
             where c.interview_id = i.id and c.status = 'interrupted') as interruptions
        from interviews i
        join organizations o on o.id = i.organization_id
        join accounts a on a.id = i.seeker_account_id
        left join job_postings j on j.id = i.job_id
        where ${where}
        order by i.starts_at, i.created_at`,
  );
}

export async function findInterview(q: Queryable, id: string) {
  const [row] = await selectInterviews(q, sql`i.id = ${id}`);
  return row ?? null;
}

/** The view of an interview; the seeker sees the detailed notice only once it is confirmed. */
export function toInterview(row: InterviewRow, viewer: 'seeker' | 'employer'): Interview {
  const detailed = viewer === 'employer' || row.status === 'confirmed' || row.status === 'done';
  const isSeeker = viewer === 'seeker';
  return {
    id: row.id,
    applicationId: row.application_id,
    jobId: row.job_id,
    jobTitle: row.job_title,
    organizationName: row.organization_name,
    seekerAccountId: row.seeker_account_id,
    seekerName: row.seeker_name,
    status: row.status,
    startsAt: iso(row.starts_at),
    durationMinutes: row.duration_minutes,
    mode: row.mode,
    place: detailed ? row.place : null,
    contactName: detailed ? row.contact_name : null,
    contactPhone: detailed ? row.contact_phone : null,
    notes: detailed ? row.notes : null,
    result: isSeeker ? null : row.result,
    resultNotes: isSeeker ? null : row.result_notes,
    isNew: isSeeker && (!row.seen_at || new Date(row.seen_at) < new Date(row.updated_at)),
    hasCalendar: row.calendar_sequence !== null,
    interruptions: (row.interruptions ?? []).map((x) => ({ callId: x.callId, at: iso(x.at) })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export interface CallRow {
  id: string;
  interview_id: string;
  status: CallSummary['status'];
  created_at: Date | string;
  answered_at: Date | string | null;
  ended_at: Date | string | null;
}

export function toCall(row: CallRow): CallSummary {
  return {
    id: row.id,
    status: row.status,
    createdAt: iso(row.created_at),
    answeredAt: row.answered_at ? iso(row.answered_at) : null,
    endedAt: row.ended_at ? iso(row.ended_at) : null,
  };
}

/** The active (ringing or connected) call of each of these interviews. */
export async function activeCallsOf(q: Queryable, interviewIds: string[]) {
  if (interviewIds.length === 0) return new Map<string, CallRow>();
  const rows = await queryRows<CallRow>(
    q,
    sql`select id, interview_id, status, created_at, answered_at, ended_at from interview_calls
        where status in ('ringing', 'connected')
          and interview_id in (select jsonb_array_elements_text(${JSON.stringify(interviewIds)}::jsonb)::uuid)`,
  );
  return new Map(rows.map((r) => [r.interview_id, r]));
}

/** Start and end of today in China (UTC+8, no daylight saving). */
export function todayInChina(now = new Date()) {
  const offset = 8 * 3600_000;
  const day = 24 * 3600_000;
  const start = new Date(Math.floor((now.getTime() + offset) / day) * day - offset);
  return {
    start,
    end: new Date(start.getTime() + day),
    date: new Date(start.getTime() + offset).toISOString().slice(0, 10),
  };
}

/** 2026年5月12日 14:30 in China time, for notices. */
export function formatChinaTime(value: Date | string) {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(value));
}
