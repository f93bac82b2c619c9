import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Fairs and postings happen in China: their times show in China time in every browser. */
export const CHINA_TZ = 'Asia/Shanghai';

/** An instant (ISO string from the API) formatted as China wall-clock time. */
export function formatChinaTime(at: string | Date, pattern = 'YYYY-MM-DD HH:mm'): string {
  return dayjs(at).tz(CHINA_TZ).format(pattern);
}

/**
 * For date pickers, which work in the browser's zone: a browser-local dayjs showing the
 * instant's China wall-clock time…
 */
export function toPickerValue(at: string): Dayjs {
  return dayjs(dayjs(at).tz(CHINA_TZ).format('YYYY-MM-DDTHH:mm:ss'));
}

/** …and back: the wall-clock time picked, read as China time, as an ISO instant (+08:00). */
export function fromPickerValue(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), CHINA_TZ).format();
}
