import { interviewModeLabels } from '@hirehall/shared/interviews';
import type { InterviewRow } from './interviews.repo.ts';

/** RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines. */
export function escapeText(value: string) {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string) {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export interface CalendarSettings {
  /** absolute address of the web app, for the link in the description */
  publicUrl: string;
  /** the platform's sender address, named as the event's organizer */
  organizerEmail?: string;
}

/** The address in a From header such as `HireHall <no-reply@hirehall.cn>`. */
export function addressOf(from: string) {
  const inBrackets = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1];
  if (inBrackets) return inBrackets;
  return /^[^\s@<>]+@[^\s@<>]+$/.test(from.trim()) ? from.trim() : undefined;
}

/** A cancelled (or, after a reschedule, declined) interview withdraws the calendar event. */
const withdrawn = (row: InterviewRow) => row.status === 'cancelled' || row.status === 'declined';

/** iTIP method of the file: CANCEL withdraws the event, PUBLISH adds or updates it. */
export function calendarMethod(row: InterviewRow) {
  return withdrawn(row) ? 'CANCEL' : 'PUBLISH';
}

/** Confirmed (and held) interviews are CONFIRMED; a rescheduled one awaiting answers TENTATIVE. */
function eventStatus(row: InterviewRow) {
  if (withdrawn(row)) return 'CANCELLED';
  return row.status === 'confirmed' || row.status === 'done' ? 'CONFIRMED' : 'TENTATIVE';
}

/**
 * The interview's VEVENT as an iCalendar file. One UID per interview; SEQUENCE is the
 * interview's calendar sequence, raised by every change after the first confirmation, so an
 * update (reschedule) or a cancellation supersedes the copy already in the calendar.
 */
export function interviewCalendar(row: InterviewRow, cal: CalendarSettings, now = new Date()) {
  const start = new Date(row.starts_at);
  const end = new Date(start.getTime() + row.duration_minutes * 60_000);
  const place = row.place || (row.mode === 'video' ? 'HireHall 面试大厅（视频）' : '');
  const description = [
    `${row.organization_name} · ${row.job_title}`,
    withdrawn(row) ? '该面试已取消' : '',
    `面试方式：${interviewModeLabels[row.mode]}`,
    `单位联系人：${row.contact_name}`,
    `电话：${row.contact_phone}`,
    row.notes ? `备注：${row.notes}` : '',
    `详情：${cal.publicUrl}/seeker/interviews?id=${row.id}`,
  ]
    .filter(Boolean)
    .join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//HireHall//Interviews//ZH',
    'CALSCALE:GREGORIAN',
    `METHOD:${calendarMethod(row)}`,
    'BEGIN:VEVENT',
    `UID:interview-${row.id}@hirehall`,
    `SEQUENCE:${row.calendar_sequence ?? 0}`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    ...(cal.organizerEmail
      ? [
          `ORGANIZER;CN="${row.organization_name.replace(/["\\]/g, '')}":mailto:${cal.organizerEmail}`,
        ]
      : []),
    `SUMMARY:${escapeText(`${withdrawn(row) ? '已取消：' : ''}面试：${row.organization_name} ${row.job_title}`)}`,
    `LOCATION:${escapeText(place)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `STATUS:${eventStatus(row)}`,
    ...(withdrawn(row)
      ? []
      : [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          'TRIGGER:-PT30M',
          `DESCRIPTION:${escapeText('面试即将开始')}`,
          'END:VALARM',
        ]),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The .ics as an email attachment of a notice. */
export function calendarAttachment(row: InterviewRow, cal: CalendarSettings) {
  return {
    filename: 'interview.ics',
    content: interviewCalendar(row, cal),
    contentType: `text/calendar; charset=utf-8; method=${calendarMethod(row)}`,
  };
}
