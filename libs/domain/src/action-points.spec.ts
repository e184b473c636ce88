import fc from 'fast-check';
import { addDays, daysBetween } from './dates';
import { toKosovoLocal } from './deadline';
import {
  ACTION_POINT_STATUSES, actionPointProblems, actionPointReminders, actionPointRemindersApply, actionPointWaitsOn, canTransitionActionPoint,
  checkActionPointTransition, compareActionPoints, isActionPointEscalated, isActionPointOverdue, type ActionPointStatus,
} from './action-points';
import type { Actor } from './permissions';

const monitor: Actor = { role: 'monitor' };
const secretariat: Actor = { role: 'secretariat' };
const member: Actor = { role: 'applicant', orgRole: 'member' };
const observer: Actor = { role: 'observer' };

describe('action points', () => {
  it('names the field of an action point that cannot be saved', () => {
    expect(actionPointProblems({ what: 'Lock the case files', owner: 'organisation', priority: 'high', dueDate: '2027-06-01' }, '2027-05-10')).toEqual([]);
    expect(actionPointProblems({ what: ' ', owner: 'donor', priority: 'urgent', dueDate: '2027-05-01' }, '2027-05-10').map((p) => `${p.field} ${p.code}`)).toEqual([
      'what required', 'owner invalid', 'priority invalid', 'dueDate before_visit',
    ]);
    expect(actionPointProblems({}, '2027-05-10').map((p) => p.field)).toEqual(['what', 'owner', 'priority', 'dueDate']);
    expect(actionPointProblems({ what: 'x', owner: 'secretariat', priority: 'low', dueDate: '2027-13-01' }, '2027-05-10')[0]).toMatchObject({ field: 'dueDate', code: 'invalid_date' });
  });

  it('goes open → answered → closed, or reopened → answered again', () => {
    expect(canTransitionActionPoint('open', 'answered')).toBe(true);
    expect(canTransitionActionPoint('answered', 'closed')).toBe(true);
    expect(canTransitionActionPoint('answered', 'reopened')).toBe(true);
    expect(canTransitionActionPoint('reopened', 'answered')).toBe(true);
    expect(canTransitionActionPoint('open', 'closed')).toBe(false);
    for (const to of ACTION_POINT_STATUSES) expect(canTransitionActionPoint('closed', to)).toBe(false);
  });

  it('lets the owner answer with evidence and the monitor close or reopen with a reason', () => {
    expect(checkActionPointTransition(member, 'organisation', 'open', 'answered', { answer: 'Cabinet bought', evidenceFileIds: ['f1'] })).toEqual({ ok: true, action: 'answer' });
    expect(checkActionPointTransition(member, 'organisation', 'open', 'answered', { evidenceFileIds: ['f1'] })).toEqual({ ok: true, action: 'answer' });
    expect(checkActionPointTransition(member, 'organisation', 'open', 'answered', { answer: '  ' })).toEqual({ ok: false, reason: 'evidence_required' });
    expect(checkActionPointTransition(member, 'secretariat', 'open', 'answered', { answer: 'x' })).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkActionPointTransition(secretariat, 'secretariat', 'open', 'answered', { answer: 'Paid' })).toEqual({ ok: true, action: 'answer' });
    expect(checkActionPointTransition(monitor, 'organisation', 'open', 'answered', { answer: 'x' })).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkActionPointTransition(monitor, 'organisation', 'answered', 'closed')).toEqual({ ok: true, action: 'close' });
    expect(checkActionPointTransition(secretariat, 'organisation', 'answered', 'closed')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkActionPointTransition(monitor, 'organisation', 'answered', 'reopened')).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkActionPointTransition(monitor, 'organisation', 'answered', 'reopened', { reason: 'The photo shows no lock' })).toEqual({ ok: true, action: 'reopen' });
    expect(checkActionPointTransition(member, 'organisation', 'reopened', 'answered', { answer: 'Lock fitted' })).toEqual({ ok: true, action: 'answer' });
    expect(checkActionPointTransition(monitor, 'organisation', 'closed', 'reopened', { reason: 'x' })).toEqual({ ok: false, reason: 'no_such_transition' });
  });

  it('only the monitor closes, nothing leaves closed, observers move nothing (property)', () => {
    const st = fc.constantFrom(...ACTION_POINT_STATUSES);
    fc.assert(
      fc.property(fc.constantFrom(monitor, secretariat, member, observer), fc.constantFrom('organisation' as const, 'secretariat' as const), st, st, fc.option(fc.string()), (a, owner, from, to, text) => {
        const r = checkActionPointTransition(a, owner, from, to, { reason: text, answer: text });
        if (r.ok) expect(canTransitionActionPoint(from, to)).toBe(true);
        if (from === 'closed' || a === observer) expect(r.ok).toBe(false);
        if (r.ok && to === 'closed') expect(a).toBe(monitor);
      }),
    );
  });

  it('waits on the owner, then the monitor', () => {
    expect(actionPointWaitsOn('open', 'organisation')).toBe('organisation');
    expect(actionPointWaitsOn('reopened', 'secretariat')).toBe('secretariat');
    expect(actionPointWaitsOn('answered', 'organisation')).toBe('monitor');
    expect(actionPointWaitsOn('closed', 'organisation')).toBeNull();
    expect(ACTION_POINT_STATUSES.filter(actionPointRemindersApply)).toEqual(['open', 'reopened']);
  });

  it('is overdue from the day after its due date while unanswered, and escalated when high priority', () => {
    const p = { status: 'open' as ActionPointStatus, dueDate: '2027-06-01', priority: 'high' as const };
    expect(isActionPointOverdue(p, '2027-06-01')).toBe(false);
    expect(isActionPointOverdue(p, '2027-06-02')).toBe(true);
    expect(isActionPointOverdue({ ...p, status: 'answered' }, '2027-07-01')).toBe(false);
    expect(isActionPointEscalated(p, '2027-06-02')).toBe(true);
    expect(isActionPointEscalated({ ...p, priority: 'medium' }, '2027-06-02')).toBe(false);
  });

  it('reminds the owner before and after the due date, and escalates a high-priority one to the Secretariat', () => {
    expect(actionPointReminders('2027-06-10', 'medium').map((r) => [r.key, r.kind, r.to, r.date])).toEqual([
      ['A-7d', 'before', 'owner', '2027-06-03'],
      ['A0', 'on_day', 'owner', '2027-06-10'],
      ['A+1d', 'overdue', 'owner', '2027-06-11'],
      ['A+7d', 'overdue', 'owner', '2027-06-17'],
    ]);
    const high = actionPointReminders('2027-06-10', 'high');
    expect(high.at(-1)).toEqual({ key: 'A+1d-esc', kind: 'escalation', to: 'secretariat', date: '2027-06-11', at: '2027-06-11T07:00:00.000Z' });
    expect(() => actionPointReminders('2027-02-30', 'low')).toThrow(RangeError);
  });

  it('fires every reminder at 09:00 Kosovo time with distinct keys (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 40 }), fc.constantFrom('low' as const, 'medium' as const, 'high' as const), (n, prio) => {
        const due = addDays('2020-01-01', n);
        const rs = actionPointReminders(due, prio);
        for (const r of rs) expect(toKosovoLocal(r.at)).toMatchObject({ date: r.date, time: '09:00' });
        expect(new Set(rs.map((r) => r.key)).size).toBe(rs.length);
        expect(rs.some((r) => r.kind === 'escalation')).toBe(prio === 'high');
        expect(rs.filter((r) => r.to === 'owner').map((r) => daysBetween(due, r.date))).toEqual([-7, 0, 1, 7]);
      }),
    );
  });

  it("sorts the Secretariat's list: escalated, overdue, priority, due date, id", () => {
    const today = '2027-06-15';
    const pts = [
      { id: 'e', status: 'open' as const, dueDate: '2027-07-01', priority: 'low' as const },
      { id: 'd', status: 'open' as const, dueDate: '2027-06-20', priority: 'high' as const },
      { id: 'c', status: 'open' as const, dueDate: '2027-06-01', priority: 'low' as const },
      { id: 'b', status: 'reopened' as const, dueDate: '2027-06-10', priority: 'high' as const },
      { id: 'a', status: 'answered' as const, dueDate: '2027-06-01', priority: 'high' as const },
    ];
    expect([...pts].sort((x, y) => compareActionPoints(x, y, today)).map((p) => p.id)).toEqual(['b', 'c', 'a', 'd', 'e']);
  });
});
