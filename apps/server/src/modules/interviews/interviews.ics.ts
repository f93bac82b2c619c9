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

/** One VEVENT for a confirmed (or cancelled) interview, as an iCalendar file. */
export function interviewCalendar(row: InterviewRow, publicUrl: string, now = new Date()) {
  const start = new Date(row.starts_at);
  const end = new Date(start.getTime() + row.duration_minutes * 60_000);
  const place = row.place || (row.mode === 'video' ? 'HireHall 面试大厅（视频）' : '');
  const description = [
    `${row.organization_name} · ${row.job_title}`,
    `面试方式：${interviewModeLabels[row.mode]}`,
    `单位联系人：${row.contact_name}`,
    `电话：${row.contact_phone}`,
    row.notes ? `备注：${row.notes}` : '',
    `详情：${publicUrl}/seeker/interviews?id=${row.id}`,
  ]
    .filter(Boolean)
    .join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//HireHall//Interviews//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:interview-${row.id}@hirehall`,
    // a reschedule or cancellation must supersede the copy already in the calendar
    `SEQUENCE:${Math.floor(new Date(row.updated_at).getTime() / 1000) % 2_000_000_000}`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${escapeText(`面试：${row.organization_name} ${row.job_title}`)}`,
    `LOCATION:${escapeText(place)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `STATUS:${row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT30M',
    `DESCRIPTION:${escapeText('面试即将开始')}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
