import { formatKosovo, timeLeft, type Language, type TimeLeft } from '@grants/domain';
import { Badge, Text, type TextProps } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContentLanguage } from '../lang';

/** An instant in Kosovo time, in the UI language ("" for none). */
export function useKosovoFormat() {
  const { lang, script } = useContentLanguage();
  return (iso: string | null | undefined) => (iso ? script(formatKosovo(iso, lang)) : '');
}

/** "31 March 2027, 17:00 (Kosovo time)". */
export function KosovoTime({ iso, ...props }: { iso: string | null | undefined } & TextProps) {
  const { t } = useTranslation();
  const format = useKosovoFormat();
  if (!iso) return <Text component="span" c="dimmed" {...props}>{t('calls.noDate')}</Text>;
  return (
    <Text component="span" {...props}>
      {format(iso)} <Text component="span" c="dimmed" size="sm">{t('calls.kosovoTime')}</Text>
    </Text>
  );
}

/**
 * The server's clock, as seen from this browser: the offset between the server's `serverNow` and the
 * browser's clock at the moment the answer arrived, so a wrong clock on the user's computer does not fool
 * the countdown. Learned from every call and application the app loads (see hooks.ts).
 */
export function serverOffsetMs(serverNow: string | null | undefined, browserNow: number = Date.now()): number {
  if (!serverNow) return 0;
  const server = Date.parse(serverNow);
  return Number.isFinite(server) ? server - browserNow : 0;
}

let learnedOffset = 0;

/** Call when an answer with `serverNow` arrives. */
export function rememberServerNow(serverNow: string | null | undefined): void {
  if (serverNow) learnedOffset = serverOffsetMs(serverNow);
}

export function serverClockOffset(): number {
  return learnedOffset;
}

/** The current time on the server's clock, updated every second. */
export function useServerNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date(Date.now() + learnedOffset));
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date(Date.now() + learnedOffset)), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "3 days 4 h 05 min" / "4 h 05 min 09 s" / "closed". */
export function formatTimeLeft(t: TFunction, left: TimeLeft): string {
  if (left.closed) return t('calls.countdown.closed');
  const mm = String(left.minutes).padStart(2, '0');
  const ss = String(left.seconds).padStart(2, '0');
  if (left.days > 0) return t('calls.countdown.days', { count: left.days, hours: left.hours, minutes: mm });
  return t('calls.countdown.hours', { hours: left.hours, minutes: mm, seconds: ss });
}

/** A live countdown to a deadline, judged against the server's clock. */
export function DeadlineCountdown({ deadline }: { deadline: string | null | undefined }) {
  const { t } = useTranslation();
  const now = useServerNow();
  if (!deadline) return null;
  const left = timeLeft(now, deadline);
  const color = left.closed ? 'gray' : left.days < 1 ? 'red' : left.days < 7 ? 'orange' : 'teal';
  return (
    <Badge color={color} variant="light" size="lg" tt="none" role="timer" aria-live="off">
      {left.closed ? t('calls.countdown.closed') : t('calls.countdown.left', { time: formatTimeLeft(t, left) })}
    </Badge>
  );
}

export type { Language };
