import fc from 'fast-check';
import { addDays, daysBetween } from './dates';
import { toKosovoLocal } from './deadline';
import { daysOverdue, grantDueReminders, isOverdue, signatureReminders } from './grant-deadlines';

describe('grant reminders', () => {
  it('reminds 14 days before a report is due, on the day, the day after, and escalates after 7 days, at 09:00 Kosovo time', () => {
    expect(grantDueReminders('2027-07-30')).toEqual([
      { key: 'T-14d', kind: 'before', date: '2027-07-16', at: '2027-07-16T07:00:00.000Z' },
      { key: 'T0', kind: 'on_day', date: '2027-07-30', at: '2027-07-30T07:00:00.000Z' },
      { key: 'T+1d', kind: 'overdue', date: '2027-07-31', at: '2027-07-31T07:00:00.000Z' },
      { key: 'T+7d', kind: 'escalation', date: '2027-08-06', at: '2027-08-06T07:00:00.000Z' },
    ]);
    // winter time: 09:00 is 08:00 UTC
    expect(grantDueReminders('2028-02-29')[1]!.at).toBe('2028-02-29T08:00:00.000Z');
    expect(() => grantDueReminders('2027-02-30')).toThrow(RangeError);
  });

  it('reminds about an unsigned agreement 7 and 14 days after it was sent, escalating after 21', () => {
    // sent at 23:30 Kosovo time on 31 March (21:30 UTC): counted from the Kosovo date, 31 March
    const r = signatureReminders('2027-03-31T21:30:00Z');
    expect(r.map((x) => [x.key, x.kind, x.date])).toEqual([
      ['S+7d', 'overdue', '2027-04-07'],
      ['S+14d', 'overdue', '2027-04-14'],
      ['S+21d', 'escalation', '2027-04-21'],
    ]);
  });

  it('fires every due reminder at 09:00 Kosovo time on its day, in order (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 40 }), (n) => {
        const due = addDays('2020-01-01', n);
        const rs = grantDueReminders(due);
        for (const r of rs) expect(toKosovoLocal(r.at)).toMatchObject({ date: r.date, time: '09:00' });
        expect(rs.map((r) => daysBetween(due, r.date))).toEqual([-14, 0, 1, 7]);
      }),
    );
  });

  it('is overdue from the day after the due date', () => {
    expect(isOverdue('2027-07-30', '2027-07-30')).toBe(false);
    expect(isOverdue('2027-07-30', '2027-07-31')).toBe(true);
    expect(daysOverdue('2027-07-30', '2027-08-06')).toBe(7);
    expect(daysOverdue('2027-07-30', '2027-07-01')).toBe(0);
  });
});
