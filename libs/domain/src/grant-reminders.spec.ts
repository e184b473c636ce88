import fc from 'fast-check';
import { addDays } from './dates';
import { grantDueReminders, signatureReminders } from './grant-deadlines';
import { overdueReports, remindersToPlan, reportHandedIn, trancheReadiness, type ExpenditureReportRef } from './grant-reminders';

describe('remindersToPlan', () => {
  const due = grantDueReminders('2027-07-30'); // T-14d 07-16, T0 07-30, T+1d 07-31, T+7d 08-06, 09:00 Kosovo

  it('plans every reminder still to come', () => {
    expect(remindersToPlan(due, '2027-07-01T00:00:00Z').map((r) => r.key)).toEqual(['T-14d', 'T0', 'T+1d', 'T+7d']);
  });

  it('sends only the latest of the reminders already due (a worker down for weeks sends one, late), and those to come', () => {
    expect(remindersToPlan(due, '2027-07-31T12:00:00Z').map((r) => r.key)).toEqual(['T+1d', 'T+7d']);
    expect(remindersToPlan(due, '2027-12-01T00:00:00Z').map((r) => r.key)).toEqual(['T+7d']);
    // exactly at its instant a reminder is due
    expect(remindersToPlan(due, due[1]!.at).map((r) => r.key)).toEqual(['T0', 'T+1d', 'T+7d']);
    const s = signatureReminders('2027-03-01T10:00:00Z');
    expect(remindersToPlan(s, '2027-03-16T10:00:00Z').map((r) => r.key)).toEqual(['S+14d', 'S+21d']);
  });

  it('refuses a bad instant', () => {
    expect(() => remindersToPlan(due, 'yesterday')).toThrow(RangeError);
  });

  it('property: at most one planned reminder is due, it is the latest due one, and every future one is planned', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -40, max: 40 }), (dayNo, offset) => {
        const dueDate = addDays('2026-01-01', dayNo);
        const reminders = grantDueReminders(dueDate);
        const now = new Date(new Date(`${addDays(dueDate, offset)}T07:30:00Z`).getTime());
        const planned = remindersToPlan(reminders, now);
        const past = reminders.filter((r) => new Date(r.at) <= now);
        const plannedPast = planned.filter((r) => new Date(r.at) <= now);
        expect(plannedPast.length).toBe(past.length ? 1 : 0);
        if (past.length) expect(plannedPast[0]).toBe(past[past.length - 1]);
        expect(planned.filter((r) => new Date(r.at) > now)).toEqual(reminders.filter((r) => new Date(r.at) > now));
        // planning again later never brings back a superseded reminder
        const later = remindersToPlan(reminders, new Date(now.getTime() + 86400_000));
        for (const r of later) expect(planned.includes(r) || new Date(r.at) > now).toBe(true);
      }),
    );
  });
});

describe('reportHandedIn and overdueReports', () => {
  const schedule = [
    { kind: 'interim' as const, seq: 1, periodStart: '2027-01-01', periodEnd: '2027-06-30', dueDate: '2027-07-30' },
    { kind: 'final' as const, seq: 2, periodStart: '2027-01-01', periodEnd: '2027-12-31', dueDate: '2028-03-01' },
  ];

  it('counts a submitted or accepted expenditure report that covers the period, not a draft or a returned one', () => {
    expect(reportHandedIn(schedule[0]!, [{ periodEnd: '2027-06-30', status: 'submitted' }])).toBe(true);
    expect(reportHandedIn(schedule[0]!, [{ periodEnd: '2027-06-30', status: 'accepted' }])).toBe(true);
    expect(reportHandedIn(schedule[0]!, [{ periodEnd: '2027-06-30', status: 'draft' }, { periodEnd: '2027-06-30', status: 'returned' }])).toBe(false);
    expect(reportHandedIn(schedule[0]!, [{ periodEnd: '2027-05-31', status: 'accepted' }])).toBe(false);
    expect(reportHandedIn(schedule[0]!, [{ periodEnd: '2027-09-30', status: 'submitted' }])).toBe(true);
    expect(() => reportHandedIn({ periodEnd: '2027-02-30' }, [])).toThrow(RangeError);
  });

  it('lists what is past its due date and not handed in, from the day after, the oldest first', () => {
    expect(overdueReports(schedule, [], '2027-07-30')).toEqual([]);
    expect(overdueReports(schedule, [], '2027-07-31')).toEqual([schedule[0]]);
    expect(overdueReports([...schedule].reverse(), [], '2028-03-02')).toEqual(schedule);
    expect(overdueReports(schedule, [{ periodEnd: '2027-06-30', status: 'submitted' }], '2028-03-02')).toEqual([schedule[1]]);
  });

  it('property: a report is overdue exactly when its due date has passed and nothing covering it is handed in', () => {
    const status = fc.constantFrom<ExpenditureReportRef['status']>('draft', 'submitted', 'accepted', 'returned');
    fc.assert(
      fc.property(fc.array(fc.record({ end: fc.integer({ min: 0, max: 400 }), status }), { maxLength: 5 }), fc.integer({ min: 0, max: 500 }), (reps, todayNo) => {
        const reports = reps.map((r) => ({ periodEnd: addDays('2027-01-01', r.end), status: r.status }));
        const today = addDays('2027-01-01', todayNo);
        const overdue = overdueReports(schedule, reports, today);
        for (const e of schedule) expect(overdue.includes(e)).toBe(e.dueDate < today && !reportHandedIn(e, reports));
      }),
    );
  });
});

describe('trancheReadiness', () => {
  const met = (kind: 'grant_in_force' | 'previous_spent' | 'documents_attached' | 'bank_account', ok = true) => ({ kind, met: ok });

  it('a planned tranche that may be requested and meets every condition but its documents: the organisation may request it', () => {
    expect(trancheReadiness('planned', true, [met('grant_in_force'), met('documents_attached', false), met('bank_account')])).toBe('may_request');
    expect(trancheReadiness('planned', false, [met('grant_in_force')])).toBeNull();
    expect(trancheReadiness('planned', true, [met('grant_in_force'), met('previous_spent', false)])).toBeNull();
  });

  it('a requested tranche with every condition met: the Secretariat may approve it; approved and paid ones wait on nobody here', () => {
    expect(trancheReadiness('requested', true, [met('grant_in_force'), met('documents_attached')])).toBe('may_approve');
    expect(trancheReadiness('requested', true, [met('grant_in_force'), met('documents_attached', false)])).toBeNull();
    expect(trancheReadiness('approved', true, [met('grant_in_force')])).toBeNull();
    expect(trancheReadiness('paid', true, [])).toBeNull();
  });

  it('property: never ready while a condition other than the documents is unmet', () => {
    const kinds = fc.constantFrom('grant_in_force', 'previous_spent', 'documents_attached', 'bank_account') as fc.Arbitrary<'grant_in_force' | 'previous_spent' | 'documents_attached' | 'bank_account'>;
    fc.assert(
      fc.property(fc.constantFrom('planned', 'requested', 'approved', 'paid' as const), fc.boolean(), fc.array(fc.record({ kind: kinds, met: fc.boolean() })), (status, requestable, conditions) => {
        const r = trancheReadiness(status, requestable, conditions);
        if (conditions.some((c) => !c.met && c.kind !== 'documents_attached')) expect(r).toBeNull();
        if (r === 'may_approve') expect(conditions.every((c) => c.met)).toBe(true);
      }),
    );
  });
});
