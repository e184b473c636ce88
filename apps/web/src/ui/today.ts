import { TIME_ZONE } from './format';

/** Today's calendar date in Kosovo, as YYYY-MM-DD (deadlines and licences are judged in this zone). */
export function todayInKosovo(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
