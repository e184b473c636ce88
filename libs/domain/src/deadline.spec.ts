import fc from 'fast-check';
import {
  KOSOVO_TZ,
  formatKosovo,
  isBeforeDeadline,
  isIsoInstant,
  isSaneInstant,
  kosovoLocalToUtc,
  kosovoOffsetMinutes,
  kosovoSummerTime,
  parseInstant,
  reminderInstants,
  timeLeft,
  toKosovoLocal,
} from './deadline';

/** What the platform's time-zone data says: only in tests, to cross-check the hand-made rule. */
function intlLocal(iso: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: KOSOVO_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

const MINUTE = 60_000;
const DST_CHANGES = ['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z', '2027-03-28T01:00:00.000Z', '2027-10-31T01:00:00.000Z'];

describe('kosovoSummerTime', () => {
  it('starts and ends on the last Sundays of March and October at 01:00 UTC', () => {
    expect(new Date(kosovoSummerTime(2026).start).toISOString()).toBe(DST_CHANGES[0]);
    expect(new Date(kosovoSummerTime(2026).end).toISOString()).toBe(DST_CHANGES[1]);
    expect(new Date(kosovoSummerTime(2027).start).toISOString()).toBe(DST_CHANGES[2]);
    expect(new Date(kosovoSummerTime(2027).end).toISOString()).toBe(DST_CHANGES[3]);
  });
});

describe('kosovoOffsetMinutes', () => {
  it('is 60 in winter and 120 in summer, switching exactly at 01:00 UTC', () => {
    expect(kosovoOffsetMinutes('2027-01-15T12:00:00Z')).toBe(60);
    expect(kosovoOffsetMinutes('2027-07-15T12:00:00Z')).toBe(120);
    expect(kosovoOffsetMinutes('2026-03-29T00:59:59.999Z')).toBe(60);
    expect(kosovoOffsetMinutes('2026-03-29T01:00:00Z')).toBe(120);
    expect(kosovoOffsetMinutes('2026-10-25T00:59:59Z')).toBe(120);
    expect(kosovoOffsetMinutes('2026-10-25T01:00:00Z')).toBe(60);
    expect(kosovoOffsetMinutes(new Date('2027-10-31T00:30:00Z'))).toBe(120);
  });

  it('agrees with the platform time-zone data on every hour of 2026 and 2027', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    for (let ms = from; ms < to; ms += 3_600_000) {
      const iso = new Date(ms).toISOString();
      expect({ iso, ...toKosovoLocal(iso), offsetMinutes: undefined }).toEqual({ iso, ...intlLocal(iso), offsetMinutes: undefined });
    }
  });

  it('agrees with the platform around each change, minute by minute', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -180, max: 180 }), (change, minutes) => {
        const iso = new Date(Date.parse(change) + minutes * MINUTE).toISOString();
        const { date, time } = toKosovoLocal(iso);
        expect({ date, time }).toEqual(intlLocal(iso));
      }),
    );
  });

  it('refuses instants without a zone', () => {
    expect(() => kosovoOffsetMinutes('2027-03-31T17:00')).toThrow(RangeError);
    expect(() => kosovoOffsetMinutes('yesterday')).toThrow(RangeError);
    expect(() => kosovoOffsetMinutes(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('parseInstant', () => {
  it('reads instants with Z or an offset and refuses the rest', () => {
    expect(parseInstant('2027-03-31T15:00:00Z')).toBe(Date.UTC(2027, 2, 31, 15));
    expect(parseInstant('2027-03-31T17:00:00+02:00')).toBe(Date.UTC(2027, 2, 31, 15));
    expect(parseInstant('2027-03-31T15:00Z')).toBe(Date.UTC(2027, 2, 31, 15));
    expect(parseInstant('2027-03-31T15:00:00.123456Z')).toBe(Date.UTC(2027, 2, 31, 15, 0, 0, 123));
    expect(parseInstant('2027-02-30T15:00:00Z')).toBeNull();
    expect(parseInstant('2027-03-31 15:00:00Z')).toBeNull();
    expect(parseInstant('2027-03-31')).toBeNull();
    expect(isIsoInstant('2027-03-31T15:00:00Z')).toBe(true);
    expect(isIsoInstant(42)).toBe(false);
  });
});

describe('kosovoLocalToUtc', () => {
  it('reads winter and summer wall-clock times', () => {
    expect(kosovoLocalToUtc('2027-01-31', '17:00')).toBe('2027-01-31T16:00:00.000Z');
    expect(kosovoLocalToUtc('2027-03-31', '17:00')).toBe('2027-03-31T15:00:00.000Z');
    expect(kosovoLocalToUtc('2026-12-31', '23:59')).toBe('2026-12-31T22:59:00.000Z');
    expect(kosovoLocalToUtc('2027-01-01', '00:00')).toBe('2026-12-31T23:00:00.000Z');
  });

  it('puts a time in the skipped spring hour just after the gap', () => {
    expect(kosovoLocalToUtc('2026-03-29', '01:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(kosovoLocalToUtc('2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(kosovoLocalToUtc('2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(toKosovoLocal(kosovoLocalToUtc('2026-03-29', '02:30')).time).toBe('03:30');
    expect(kosovoLocalToUtc('2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the first of the two readings of the repeated autumn hour', () => {
    expect(kosovoLocalToUtc('2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(kosovoOffsetMinutes(kosovoLocalToUtc('2026-10-25', '02:30'))).toBe(120);
    expect(kosovoLocalToUtc('2026-10-25', '03:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(kosovoLocalToUtc('2027-10-31', '02:59')).toBe('2027-10-31T00:59:00.000Z');
  });

  it('refuses malformed dates and times', () => {
    expect(() => kosovoLocalToUtc('2027-02-29', '12:00')).toThrow(RangeError);
    expect(() => kosovoLocalToUtc('2027-03-31', '24:00')).toThrow(RangeError);
    expect(() => kosovoLocalToUtc('2027-03-31', '7:00')).toThrow(RangeError);
  });

  const localAround = fc
    .tuple(fc.constantFrom('2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'), fc.integer({ min: -2, max: 2 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([day, shift, h, m]) => {
      const d = new Date(Date.parse(`${day}T00:00:00Z`) + shift * 86_400_000).toISOString().slice(0, 10);
      return { date: d, time: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` };
    });
  const inGap = (date: string, time: string) => ['2026-03-29', '2027-03-28'].includes(date) && time.startsWith('02:');

  it('round-trips local → UTC → local around the 2026 and 2027 changes, except in the skipped hour', () => {
    fc.assert(
      fc.property(localAround, ({ date, time }) => {
        const utc = kosovoLocalToUtc(date, time);
        const back = toKosovoLocal(utc);
        expect(back.offsetMinutes).toBe(kosovoOffsetMinutes(utc));
        const wall = Date.parse(`${date}T${time}:00Z`);
        expect(Date.parse(utc)).toBe(wall - (inGap(date, time) ? 60 : back.offsetMinutes) * MINUTE);
        if (inGap(date, time)) {
          expect(back.time).toBe(`03:${time.slice(3)}`);
          expect(back.date).toBe(date);
        } else {
          expect({ date: back.date, time: back.time }).toEqual({ date, time });
          expect(intlLocal(utc)).toEqual({ date, time });
        }
      }),
    );
  });

  it('round-trips any instant → local → UTC to the same minute, except in the second of the repeated hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1) / MINUTE, max: Date.UTC(2028, 0, 1) / MINUTE }), (minute) => {
        const iso = new Date(minute * MINUTE).toISOString();
        const { date, time } = toKosovoLocal(iso);
        const back = kosovoLocalToUtc(date, time);
        const repeatedSecond = DST_CHANGES.some((c) => minute * MINUTE >= Date.parse(c) && minute * MINUTE < Date.parse(c) + 60 * MINUTE) && kosovoOffsetMinutes(iso) === 60;
        expect(back === iso).toBe(!repeatedSecond);
        if (repeatedSecond) expect(Date.parse(back)).toBe(minute * MINUTE - 60 * MINUTE);
      }),
    );
  });

  it('keeps local midnight on its own day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 730 }), (n) => {
        const date = new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const midnight = kosovoLocalToUtc(date, '00:00');
        const lastMinute = kosovoLocalToUtc(date, '23:59');
        expect(toKosovoLocal(midnight)).toMatchObject({ date, time: '00:00' });
        expect(toKosovoLocal(lastMinute)).toMatchObject({ date, time: '23:59' });
        expect(toKosovoLocal(new Date(Date.parse(midnight) - 1)).date < date).toBe(true);
        expect(intlLocal(midnight)).toEqual({ date, time: '00:00' });
      }),
    );
  });
});

describe('formatKosovo', () => {
  it('prints in each language with local month names', () => {
    const iso = '2027-03-31T15:00:00Z';
    expect(formatKosovo(iso, 'en')).toBe('31 March 2027, 17:00');
    expect(formatKosovo(iso, 'sq')).toBe('31 mars 2027, 17:00');
    expect(formatKosovo(iso, 'sr')).toBe('31. mart 2027. 17:00');
  });

  it('uses winter time and the local date across midnight', () => {
    expect(formatKosovo('2026-12-31T23:30:00Z', 'en')).toBe('1 January 2027, 00:30');
    expect(formatKosovo('2026-11-05T08:05:00Z', 'sq')).toBe('5 nëntor 2026, 09:05');
    expect(formatKosovo(new Date('2026-08-01T10:00:00Z'), 'sr')).toBe('1. avgust 2026. 12:00');
  });
});

describe('isBeforeDeadline and timeLeft', () => {
  const deadline = '2027-03-31T15:00:00Z';

  it('is open one second before the deadline and closed at and after it', () => {
    expect(isBeforeDeadline('2027-03-31T14:59:59Z', deadline)).toBe(true);
    expect(isBeforeDeadline('2027-03-31T16:59:59.999+02:00', deadline)).toBe(true);
    expect(isBeforeDeadline('2027-03-31T15:00:00Z', deadline)).toBe(false);
    expect(isBeforeDeadline('2027-03-31T17:00:00+02:00', deadline)).toBe(false);
    expect(isBeforeDeadline('2027-03-31T15:00:01Z', deadline)).toBe(false);
  });

  it('is monotonic: once closed, stays closed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e10, max: 1e10 }), fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: -1e10, max: 1e10 }), (a, step, d) => {
        const base = Date.UTC(2027, 0, 1);
        const t1 = new Date(base + a);
        const t2 = new Date(base + a + step);
        const dl = new Date(base + d);
        if (!isBeforeDeadline(t1, dl)) expect(isBeforeDeadline(t2, dl)).toBe(false);
        if (isBeforeDeadline(t2, dl)) expect(isBeforeDeadline(t1, dl)).toBe(true);
        expect(timeLeft(t1, dl).closed).toBe(!isBeforeDeadline(t1, dl));
      }),
    );
  });

  it('counts what is left', () => {
    expect(timeLeft('2027-03-29T12:30:15Z', deadline)).toEqual({ days: 2, hours: 2, minutes: 29, seconds: 45, closed: false });
    expect(timeLeft('2027-03-31T14:59:59.500Z', deadline)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0, closed: false });
    expect(timeLeft(deadline, deadline)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0, closed: true });
  });

  it('adds back up to the remaining whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e11 }), (ms) => {
        const now = new Date(Date.parse(deadline) - ms);
        const t = timeLeft(now, deadline);
        expect(t.days * 86_400 + t.hours * 3_600 + t.minutes * 60 + t.seconds).toBe(Math.floor(ms / 1000));
        expect(t.hours).toBeLessThan(24);
        expect(t.minutes).toBeLessThan(60);
        expect(t.seconds).toBeLessThan(60);
      }),
    );
  });
});

describe('reminderInstants', () => {
  it('is 7 days, 2 days and 3 hours before, in absolute time even across a clock change', () => {
    expect(reminderInstants('2026-03-31T15:00:00Z')).toEqual([
      { key: 'T-7d', at: '2026-03-24T15:00:00.000Z' },
      { key: 'T-2d', at: '2026-03-29T15:00:00.000Z' },
      { key: 'T-3h', at: '2026-03-31T12:00:00.000Z' },
    ]);
    // 7 days before 17:00 summer time is 16:00 winter time.
    expect(formatKosovo(reminderInstants('2026-03-31T15:00:00Z')[0]!.at, 'en')).toBe('24 March 2026, 16:00');
  });
});

describe('sane instants', () => {
  it('takes instants from 2000-01-01 to the end of 2100 (UTC) and refuses year 0 and 9999', () => {
    for (const ok of ['2000-01-01T00:00:00Z', '2026-09-15T10:00:00+02:00', '2100-12-31T23:59:59.999Z']) expect(isSaneInstant(ok)).toBe(true);
    for (const bad of ['0000-01-01T10:00:00Z', '1999-12-31T23:59:59Z', '2101-01-01T00:00:00Z', '9999-12-31T00:00:00Z', '2026-09-15', 'x', 12]) expect(isSaneInstant(bad)).toBe(false);
  });
});
