import fc from 'fast-check';
import {
  addPeriod,
  DEFAULT_RETENTION,
  effectiveRetention,
  grantRetentionStart,
  hasExpired,
  isRetentionRecordType,
  periodToInterval,
  RETENTION_RECORD_TYPES,
  retentionExpiry,
  retentionPeriodProblem,
  type RetentionPeriod,
} from './retention';

const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms));
const period: fc.Arbitrary<RetentionPeriod> = fc.record({ amount: fc.integer({ min: 1, max: 40 }), unit: fc.constantFrom('days', 'months', 'years') });

describe('retention defaults', () => {
  it('keeps grant records 5 years after the final payment and unfunded applications 3 years', () => {
    expect(DEFAULT_RETENTION.grant).toEqual({ amount: 5, unit: 'years' });
    expect(DEFAULT_RETENTION.application_unfunded).toEqual({ amount: 3, unit: 'years' });
    for (const t of RETENTION_RECORD_TYPES) expect(retentionPeriodProblem(t, DEFAULT_RETENTION[t])).toBeNull();
  });

  it('completes stored settings with the defaults', () => {
    const e = effectiveRetention({ session: { amount: 7, unit: 'days' } });
    expect(e.session).toEqual({ amount: 7, unit: 'days' });
    expect(e.grant).toEqual(DEFAULT_RETENTION.grant);
    expect(Object.keys(e).sort()).toEqual([...RETENTION_RECORD_TYPES].sort());
  });

  it('knows its record types', () => {
    expect(isRetentionRecordType('grant')).toBe(true);
    expect(isRetentionRecordType('audit_log')).toBe(false);
    expect(isRetentionRecordType(3)).toBe(false);
  });
});

describe('retentionPeriodProblem', () => {
  it('names what is wrong', () => {
    expect(retentionPeriodProblem('session', { amount: 0, unit: 'days' })).toBe('amount');
    expect(retentionPeriodProblem('session', { amount: 1.5, unit: 'days' })).toBe('amount');
    expect(retentionPeriodProblem('session', { amount: '3', unit: 'days' })).toBe('amount');
    expect(retentionPeriodProblem('session', { amount: 3, unit: 'weeks' })).toBe('unit');
    expect(retentionPeriodProblem('grant', { amount: 2, unit: 'years' })).toBe('too_short');
    expect(retentionPeriodProblem('grant', { amount: 35, unit: 'months' })).toBe('too_short');
    expect(retentionPeriodProblem('grant', { amount: 36, unit: 'months' })).toBeNull();
    expect(retentionPeriodProblem('notification', { amount: 51, unit: 'years' })).toBe('too_long');
  });
});

describe('addPeriod', () => {
  it('clamps to the end of a shorter month, like PostgreSQL intervals', () => {
    expect(addPeriod(new Date('2028-02-29T10:00:00.000Z'), { amount: 1, unit: 'years' }).toISOString()).toBe('2029-02-28T10:00:00.000Z');
    expect(addPeriod(new Date('2027-01-31T00:00:00.000Z'), { amount: 1, unit: 'months' }).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addPeriod(new Date('2027-01-31T00:00:00.000Z'), { amount: 5, unit: 'years' }).toISOString()).toBe('2032-01-31T00:00:00.000Z');
    expect(addPeriod(new Date('2027-01-31T00:00:00.000Z'), { amount: 30, unit: 'days' }).toISOString()).toBe('2027-03-02T00:00:00.000Z');
  });

  it('a year is twelve months', () => fc.assert(fc.property(instant, fc.integer({ min: 1, max: 30 }), (d, n) =>
    addPeriod(d, { amount: n, unit: 'years' }).getTime() === addPeriod(d, { amount: n * 12, unit: 'months' }).getTime())));

  it('is monotonic in the start and always later than it', () => fc.assert(fc.property(instant, instant, period, (a, b, p) => {
    const [x, y] = a <= b ? [a, b] : [b, a];
    expect(addPeriod(x, p).getTime()).toBeLessThanOrEqual(addPeriod(y, p).getTime());
    expect(addPeriod(x, p).getTime()).toBeGreaterThan(x.getTime());
  })));

  it('is monotonic in the amount', () => fc.assert(fc.property(instant, period, fc.integer({ min: 1, max: 10 }), (d, p, more) =>
    addPeriod(d, p).getTime() <= addPeriod(d, { ...p, amount: p.amount + more }).getTime())));
});

describe('expiry', () => {
  it('a record has expired exactly from its expiry on, and never without a start', () => fc.assert(fc.property(instant, period, instant, (start, p, now) => {
    const e = retentionExpiry(start, p)!;
    expect(hasExpired(start, p, now)).toBe(e.getTime() <= now.getTime());
    expect(hasExpired(start, p, e)).toBe(true);
    expect(hasExpired(start, p, new Date(e.getTime() - 1))).toBe(false);
    expect(hasExpired(null, p, now)).toBe(false);
  })));

  it('once expired, stays expired', () => fc.assert(fc.property(instant, period, instant, fc.nat(), (start, p, now, later) =>
    !hasExpired(start, p, now) || hasExpired(start, p, new Date(now.getTime() + later)))));

  it('a longer period never expires a record sooner', () => fc.assert(fc.property(instant, period, instant, fc.integer({ min: 1, max: 10 }), (start, p, now, more) =>
    !hasExpired(start, { ...p, amount: p.amount + more }, now) || hasExpired(start, p, now))));

  it('a 5-year grant closed today is kept 5 years after its final payment', () => {
    const start = grantRetentionStart({ status: 'closed', closedAt: new Date('2027-06-30T12:00:00Z'), lastPaymentAt: new Date('2027-07-15T08:00:00Z') });
    expect(start?.toISOString()).toBe('2027-07-15T08:00:00.000Z');
    expect(hasExpired(start, DEFAULT_RETENTION.grant, new Date('2032-07-15T07:59:59Z'))).toBe(false);
    expect(hasExpired(start, DEFAULT_RETENTION.grant, new Date('2032-07-15T08:00:00Z'))).toBe(true);
  });

  it('an open grant never expires; a closed one counts from the later of closure and final payment', () => fc.assert(fc.property(
    fc.constantFrom('draft', 'in_force', 'suspended', 'closed', 'terminated'), fc.option(instant, { nil: null }), fc.option(instant, { nil: null }),
    (status, closedAt, lastPaymentAt) => {
      const s = grantRetentionStart({ status, closedAt, lastPaymentAt });
      if (status !== 'closed' && status !== 'terminated') return s === null;
      const dates = [closedAt, lastPaymentAt].filter((d): d is Date => d !== null);
      if (!dates.length) return s === null;
      return s !== null && dates.every((d) => d.getTime() <= s.getTime()) && dates.some((d) => d.getTime() === s.getTime());
    })));

  it('writes a period as an interval', () => expect(periodToInterval({ amount: 5, unit: 'years' })).toBe('5 years'));
});
