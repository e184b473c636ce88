/**
 * The month calendar's arithmetic on calendar dates (YYYY-MM-DD, no time zone): the weeks of a month from Monday,
 * the month before and after, and the list's order (upcoming visits first, soonest first; then past ones, latest
 * first).
 */
import dayjs from 'dayjs';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month (YYYY-MM) of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);

export function monthRange(month: string): { from: string; to: string } {
  const start = dayjs(`${month}-01`);
  return { from: start.format('YYYY-MM-DD'), to: start.endOf('month').format('YYYY-MM-DD') };
}

export function shiftMonth(month: string, by: number): string {
  return dayjs(`${month}-01`).add(by, 'month').format('YYYY-MM');
}

/** The weeks shown for a month, Monday first: each day with whether it belongs to the month. */
export function monthWeeks(month: string): { date: string; inMonth: boolean }[][] {
  const first = dayjs(`${month}-01`);
  const offset = (first.day() + 6) % 7; // days since Monday
  let day = first.subtract(offset, 'day');
  const last = first.endOf('month');
  const weeks: { date: string; inMonth: boolean }[][] = [];
  while (day.isBefore(last) || day.isSame(last, 'day')) {
    const week: { date: string; inMonth: boolean }[] = [];
    for (let i = 0; i < 7; i += 1) {
      week.push({ date: day.format('YYYY-MM-DD'), inMonth: day.month() === first.month() });
      day = day.add(1, 'day');
    }
    weeks.push(week);
  }
  return weeks;
}

/** Upcoming visits (today and later) soonest first, then past ones latest first. */
export function visitListOrder<V extends { date: string; id: string }>(visits: readonly V[], today: string): { upcoming: V[]; past: V[] } {
  const upcoming = visits.filter((v) => v.date >= today).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const past = visits.filter((v) => v.date < today).sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  return { upcoming, past };
}

export function dayjsLocale(lng: string | undefined): string {
  if (lng === 'sr-Cyrl') return 'sr-cyrl';
  if (lng === 'sr' || lng === 'sq') return lng;
  return 'en';
}
