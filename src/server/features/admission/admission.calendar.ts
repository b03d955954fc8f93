/**
 * Working-day arithmetic for review deadlines (dates are Asia/Shanghai calendar dates, YYYY-MM-DD).
 * Weekends are rest days unless listed as make-up working days (调休上班); listed holidays are rest
 * days. The calendar is configuration (admission settings, per district); the default carries the
 * 2026 national schedule of 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, via 新华社).
 * Years without a configured schedule fall back to weekends only.
 */
export interface WorkCalendar {
  /** Rest days on weekdays or weekends (法定节假日及调休放假). */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  workdays: string[];
  /** Where the schedule comes from, shown in the settings page. */
  source: string;
}

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

export const NATIONAL_2026: WorkCalendar = {
  holidays: [
    ...range('2026-01-01', '2026-01-03'), // 元旦
    ...range('2026-02-15', '2026-02-23'), // 春节
    ...range('2026-04-04', '2026-04-06'), // 清明节
    ...range('2026-05-01', '2026-05-05'), // 劳动节
    ...range('2026-06-19', '2026-06-21'), // 端午节
    ...range('2026-09-25', '2026-09-27'), // 中秋节
    ...range('2026-10-01', '2026-10-07'), // 国庆节
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社发布）；其他年份未配置时仅按周末计算',
};

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date by which `n` working days after `from` have passed (the day of `from` itself does not
 * count, as with 自受理之日起 N 个工作日). n = 0 gives `from`.
 */
export function addWorkingDays(from: string, n: number, cal: WorkCalendar): string {
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left -= 1;
  }
  return d;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  const [a, b] = sign > 0 ? [from, to] : [to, from];
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n += 1;
  return sign * n;
}
