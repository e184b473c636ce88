import fc from 'fast-check';
import { addDays } from './dates';
import { kosovoLocalToUtc } from './deadline';
import { DEFAULT_GRANT_SETTINGS } from './grant-settings';
import {
  NARRATIVE_REPORT_STATUSES,
  canCloseGrant,
  canTransitionExtension,
  canCommentOnNarrativeReport,
  checkExtensionDecision,
  checkNarrativeReportTransition,
  closeGrantProblems,
  closureChecklist,
  compareNarrativeReports,
  dueDateWithExtension,
  extensionProblems,
  freezeNarrativeReportVersion,
  isNarrativeReportEditable,
  isNarrativeReportEscalated,
  isNarrativeReportHandedIn,
  isNarrativeReportOverdue,
  narrativeReportReminderJobId,
  narrativeReportReminders,
  narrativeReportRemindersToPlan,
  narrativeReportsDue,
  nextNarrativeReportStatuses,
  reviewCommentProblems,
  shouldSendNarrativeReportReminder,
  type NarrativeReportStatus,
} from './narrative-reports';
import type { Actor } from './permissions';

const monitor: Actor = { role: 'monitor' };
const secretariat: Actor = { role: 'secretariat' };
const admin: Actor = { role: 'secretariat_admin' };
const org: Actor = { role: 'applicant', orgRole: 'member' };
const owner: Actor = { role: 'applicant', orgRole: 'owner' };
const observer: Actor = { role: 'observer' };
const applicantWithoutOrg: Actor = { role: 'applicant' };
const inactiveSecretariat: Actor = { role: 'secretariat', active: false };
// the API passes node:crypto's SHA-256; the domain has no Node types, so a stand-in that shows what it was given
const sha256Hex = (s: string) => `sha256(${s})`;

describe('narrative report transitions', () => {
  it('has the states draft → submitted → accepted | returned, returned → submitted', () => {
    expect(NARRATIVE_REPORT_STATUSES).toEqual(['draft', 'submitted', 'accepted', 'returned']);
    expect(nextNarrativeReportStatuses('draft')).toEqual(['submitted']);
    expect(nextNarrativeReportStatuses('submitted')).toEqual(['accepted', 'returned']);
    expect(nextNarrativeReportStatuses('returned')).toEqual(['submitted']);
    expect(nextNarrativeReportStatuses('accepted')).toEqual([]);
  });

  it('the organisation submits a draft and resubmits a returned report; nobody else does', () => {
    for (const a of [org, owner]) {
      expect(checkNarrativeReportTransition(a, 'draft', 'submitted')).toEqual({ ok: true, action: 'submit' });
      expect(checkNarrativeReportTransition(a, 'returned', 'submitted')).toEqual({ ok: true, action: 'submit' });
    }
    for (const a of [secretariat, admin, monitor, observer, applicantWithoutOrg]) {
      expect(checkNarrativeReportTransition(a, 'draft', 'submitted')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    }
  });

  it('the Secretariat accepts a submitted report', () => {
    expect(checkNarrativeReportTransition(secretariat, 'submitted', 'accepted')).toEqual({ ok: true, action: 'accept' });
    expect(checkNarrativeReportTransition(admin, 'submitted', 'accepted')).toEqual({ ok: true, action: 'accept' });
    for (const a of [org, monitor, observer, inactiveSecretariat]) expect(checkNarrativeReportTransition(a, 'submitted', 'accepted')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
  });

  it('the Secretariat returns a report only with at least one comment that says something', () => {
    expect(checkNarrativeReportTransition(secretariat, 'submitted', 'returned')).toEqual({ ok: false, reason: 'comments_required' });
    expect(checkNarrativeReportTransition(secretariat, 'submitted', 'returned', [])).toEqual({ ok: false, reason: 'comments_required' });
    expect(checkNarrativeReportTransition(secretariat, 'submitted', 'returned', [{ text: '  ' }])).toEqual({ ok: false, reason: 'comments_required' });
    expect(checkNarrativeReportTransition(secretariat, 'submitted', 'returned', [{ text: ' ' }, { text: 'Indicator 1.2: the cumulative value is below the period value.' }])).toEqual({ ok: true, action: 'return' });
    expect(checkNarrativeReportTransition(org, 'submitted', 'returned', [{ text: 'x' }])).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
  });

  it('refuses transitions that do not exist, whoever asks', () => {
    const pairs: [NarrativeReportStatus, NarrativeReportStatus][] = [
      ['draft', 'accepted'],
      ['draft', 'returned'],
      ['accepted', 'returned'],
      ['accepted', 'submitted'],
      ['returned', 'accepted'],
      ['submitted', 'draft'],
      ['submitted', 'submitted'],
    ];
    for (const [from, to] of pairs) for (const a of [org, secretariat]) expect(checkNarrativeReportTransition(a, from, to, [{ text: 'x' }])).toEqual({ ok: false, reason: 'no_such_transition' });
  });

  it('is editable while a draft or returned, handed in once submitted', () => {
    expect(NARRATIVE_REPORT_STATUSES.filter(isNarrativeReportEditable)).toEqual(['draft', 'returned']);
    expect(NARRATIVE_REPORT_STATUSES.filter(isNarrativeReportHandedIn)).toEqual(['submitted', 'accepted', 'returned']);
    expect(isNarrativeReportHandedIn(null)).toBe(false);
  });

  it('the Secretariat and the monitor comment on a report handed in, never on the draft', () => {
    expect(canCommentOnNarrativeReport('submitted', monitor)).toBe(true);
    expect(canCommentOnNarrativeReport('accepted', secretariat)).toBe(true);
    expect(canCommentOnNarrativeReport('draft', secretariat)).toBe(false);
    expect(canCommentOnNarrativeReport('submitted', observer)).toBe(false);
    expect(canCommentOnNarrativeReport('submitted', org)).toBe(false);
  });
});

describe('reviewCommentProblems', () => {
  it('takes comments per section and per indicator of the logframe', () => {
    expect(
      reviewCommentProblems(
        [
          { section: 'results', text: 'Result 2: say why activity 2.3 was delayed.' },
          { section: 'indicators', indicatorId: 'ind-1', text: 'Attach the attendance lists.' },
          { section: 'general', indicatorId: null, text: 'Ok' },
        ],
        ['ind-1', 'ind-2'],
      ),
    ).toEqual([]);
  });

  it('flags an unknown section, an indicator elsewhere or not in the logframe, a blank or too long text', () => {
    expect(
      reviewCommentProblems(
        [
          { section: 'budget', text: 'x' },
          { section: 'results', indicatorId: 'ind-1', text: 'x' },
          { section: 'indicators', indicatorId: 'ind-9', text: 'x' },
          { section: 'lessons', text: '   ' },
          { section: 'lessons', text: 'y'.repeat(4001) },
        ],
        ['ind-1'],
      ).map((p) => `${p.field}:${p.code}`),
    ).toEqual(['comments.0.section:invalid', 'comments.1.indicatorId:only_on_indicators', 'comments.2.indicatorId:not_in_logframe', 'comments.3.text:required', 'comments.4.text:too_long']);
  });
});

describe('freezeNarrativeReportVersion', () => {
  it('numbers each submission and hashes its canonical content', () => {
    const v1 = freezeNarrativeReportVersion({ b: 1, a: 'x' }, [], sha256Hex);
    expect(v1.version).toBe(1);
    expect(v1.canonical).toBe('{"a":"x","b":1}');
    expect(v1.hash).toBe(sha256Hex('{"a":"x","b":1}'));
    // the same content in another key order: the same hash
    expect(freezeNarrativeReportVersion({ a: 'x', b: 1 }, [], sha256Hex).hash).toBe(v1.hash);
    const v3 = freezeNarrativeReportVersion({ a: 'y' }, [{ version: 1 }, { version: 2 }], sha256Hex);
    expect(v3.version).toBe(3);
    expect(v3.hash).not.toBe(v1.hash);
  });
});

describe('reports due', () => {
  it('an interim report every 6 months by default and the final one 60 days after the end', () => {
    const due = narrativeReportsDue({ startDate: '2027-01-01', endDate: '2027-12-31' }, DEFAULT_GRANT_SETTINGS);
    expect(due).toEqual([
      { kind: 'interim', seq: 1, periodStart: '2027-01-01', periodEnd: '2027-06-30', dueDate: '2027-07-30' },
      { kind: 'final', seq: 2, periodStart: '2027-01-01', periodEnd: '2027-12-31', dueDate: '2028-02-29' },
    ]);
  });

  it('overdue from the day after the due date until handed in; escalated from 7 days after', () => {
    const r = { status: 'draft' as const, dueDate: '2027-07-30' };
    expect(isNarrativeReportOverdue(r, '2027-07-30')).toBe(false);
    expect(isNarrativeReportOverdue(r, '2027-07-31')).toBe(true);
    expect(isNarrativeReportOverdue({ ...r, status: null }, '2027-08-31')).toBe(true);
    expect(isNarrativeReportOverdue({ ...r, status: 'submitted' }, '2027-08-31')).toBe(false);
    expect(isNarrativeReportOverdue({ ...r, status: 'returned' }, '2027-08-31')).toBe(false);
    expect(isNarrativeReportEscalated(r, '2027-08-05')).toBe(false);
    expect(isNarrativeReportEscalated(r, '2027-08-06')).toBe(true);
    expect(isNarrativeReportEscalated({ ...r, status: 'accepted' }, '2027-09-06')).toBe(false);
  });

  it('lists overdue reports first, then by due date, then by id', () => {
    const today = '2027-08-10';
    const list = [
      { id: 'c', status: 'submitted' as const, dueDate: '2027-07-01' },
      { id: 'b', status: 'draft' as const, dueDate: '2027-08-01' },
      { id: 'a', status: 'draft' as const, dueDate: '2027-07-15' },
      { id: 'd', status: 'draft' as const, dueDate: '2027-09-01' },
      { id: 'e', status: 'submitted' as const, dueDate: '2027-07-01' },
    ];
    expect([...list].sort((x, y) => compareNarrativeReports(x, y, today)).map((r) => r.id)).toEqual(['a', 'b', 'c', 'e', 'd']);
  });
});

describe('reminders', () => {
  it('14 days before, on the day, the day after, and the escalation to the Secretariat 7 days after, at 09:00 Kosovo time', () => {
    expect(narrativeReportReminders('2027-07-30')).toEqual([
      { key: 'R-14d', kind: 'before', to: 'organisation', dueDate: '2027-07-30', date: '2027-07-16', at: '2027-07-16T07:00:00.000Z' },
      { key: 'R0', kind: 'on_day', to: 'organisation', dueDate: '2027-07-30', date: '2027-07-30', at: '2027-07-30T07:00:00.000Z' },
      { key: 'R+1d', kind: 'overdue', to: 'organisation', dueDate: '2027-07-30', date: '2027-07-31', at: '2027-07-31T07:00:00.000Z' },
      { key: 'R+7d', kind: 'escalation', to: 'secretariat', dueDate: '2027-07-30', date: '2027-08-06', at: '2027-08-06T07:00:00.000Z' },
    ]);
    // winter time: 09:00 in Pristina is 08:00 UTC
    expect(narrativeReportReminders('2028-02-29')[1]!.at).toBe('2028-02-29T08:00:00.000Z');
    expect(() => narrativeReportReminders('2027-02-30')).toThrow(RangeError);
  });

  it('plans those to come and the latest already due, and none once handed in', () => {
    const r = { status: 'draft' as const, dueDate: '2027-07-30' };
    expect(narrativeReportRemindersToPlan(r, '2027-07-01T00:00:00Z').map((x) => x.key)).toEqual(['R-14d', 'R0', 'R+1d', 'R+7d']);
    expect(narrativeReportRemindersToPlan(r, '2027-07-31T12:00:00Z').map((x) => x.key)).toEqual(['R+1d', 'R+7d']);
    expect(narrativeReportRemindersToPlan({ ...r, status: null }, '2027-09-01T00:00:00Z').map((x) => x.key)).toEqual(['R+7d']);
    for (const status of ['submitted', 'accepted', 'returned'] as const) expect(narrativeReportRemindersToPlan({ ...r, status }, '2027-07-01T00:00:00Z')).toEqual([]);
  });

  it('a granted extension moves the reminders: those planned for the old date are stale and get new job ids', () => {
    const old = narrativeReportReminders('2027-07-30');
    const dueDate = dueDateWithExtension('2027-07-30', [{ status: 'granted', requestedDueDate: '2027-08-30' }]);
    const report = { status: 'draft' as const, dueDate };
    expect(old.some((x) => shouldSendNarrativeReportReminder(x, report))).toBe(false);
    const moved = narrativeReportRemindersToPlan(report, '2027-07-20T00:00:00Z');
    expect(moved.map((x) => x.date)).toEqual(['2027-08-16', '2027-08-30', '2027-08-31', '2027-09-06']);
    expect(moved.every((x) => shouldSendNarrativeReportReminder(x, report))).toBe(true);
    expect(narrativeReportReminderJobId('rep-1', old[0]!)).toBe('narrative-report:rep-1:2027-07-30:R-14d');
    expect(narrativeReportReminderJobId('rep-1', moved[0]!)).not.toBe(narrativeReportReminderJobId('rep-1', old[0]!));
  });

  const statusArb = fc.constantFrom<NarrativeReportStatus | null>(null, ...NARRATIVE_REPORT_STATUSES);
  const dayArb = fc.integer({ min: 0, max: 365 * 10 });

  it('property: no reminder ever fires once the report is handed in', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -30, max: 30 }), fc.integer({ min: -30, max: 30 }), fc.array(statusArb, { maxLength: 5 }), (d, submitOffset, laterOffset, later) => {
        const dueDate = addDays('2026-01-01', d);
        const planned = narrativeReportRemindersToPlan({ status: 'draft', dueDate }, kosovoLocalToUtc(addDays(dueDate, -30), '00:00'));
        // handed in on some day; whatever happens afterwards (returned, resubmitted, accepted)
        const submittedAt = kosovoLocalToUtc(addDays(dueDate, submitOffset), '12:00');
        for (const status of ['submitted', ...later.filter((s): s is NarrativeReportStatus => s !== null && s !== 'draft')] as NarrativeReportStatus[]) {
          const report = { status, dueDate };
          // nothing is planned any more, at any time after
          expect(narrativeReportRemindersToPlan(report, new Date(new Date(submittedAt).getTime() + Math.abs(laterOffset) * 86_400_000))).toEqual([]);
          // and a reminder planned earlier whose time comes after the submission is not sent
          for (const r of planned) if (r.at > submittedAt) expect(shouldSendNarrativeReportReminder(r, report)).toBe(false);
        }
      }),
    );
  });

  it('property: what is planned is never in the past except the single latest one due', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -40, max: 40 }), statusArb, (d, nowOffset, status) => {
        const dueDate = addDays('2026-01-01', d);
        const now = kosovoLocalToUtc(addDays(dueDate, nowOffset), '10:00');
        const planned = narrativeReportRemindersToPlan({ status, dueDate }, now);
        if (isNarrativeReportHandedIn(status)) expect(planned).toEqual([]);
        else expect(planned.filter((r) => r.at <= now).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('extensions', () => {
  const report = { status: 'draft' as const, dueDate: '2027-07-30' };

  it('the organisation asks for a later date with a reason', () => {
    expect(extensionProblems({ requestedDueDate: '2027-08-30', reason: 'The shelter was closed for three weeks after the flood.' }, report)).toEqual([]);
  });

  it('refuses a request without reason or date, not after the due date, once handed in, or while another waits', () => {
    const codes = (ps: { field: string; code: string }[]) => ps.map((p) => `${p.field}:${p.code}`);
    expect(codes(extensionProblems({}, report))).toEqual(['requestedDueDate:required', 'reason:required']);
    expect(codes(extensionProblems({ requestedDueDate: '2027-07-30', reason: 'x' }, report))).toEqual(['requestedDueDate:not_after_due_date']);
    expect(codes(extensionProblems({ requestedDueDate: '2027-13-01', reason: 'x' }, report))).toEqual(['requestedDueDate:invalid_date']);
    expect(codes(extensionProblems({ requestedDueDate: '2027-08-30', reason: 'x'.repeat(2001) }, report))).toEqual(['reason:too_long']);
    expect(codes(extensionProblems({ requestedDueDate: '2027-08-30', reason: 'x' }, { ...report, status: 'submitted' }))).toEqual(['report:already_handed_in']);
    expect(codes(extensionProblems({ requestedDueDate: '2027-08-30', reason: 'x' }, report, [{ status: 'refused' }, { status: 'requested' }]))).toEqual(['report:request_pending']);
    expect(extensionProblems({ requestedDueDate: '2027-08-30', reason: 'x' }, report, [{ status: 'refused' }, { status: 'granted' }])).toEqual([]);
  });

  it('the Secretariat grants (the date asked or another later one) or refuses with a reason; nobody else decides', () => {
    const req = { status: 'requested' as const, requestedDueDate: '2027-08-30' };
    expect(checkExtensionDecision(secretariat, req, 'granted', '2027-07-30')).toEqual({ ok: true, action: 'grant', dueDate: '2027-08-30' });
    expect(checkExtensionDecision(admin, req, 'granted', '2027-07-30', { grantedDueDate: '2027-08-15' })).toEqual({ ok: true, action: 'grant', dueDate: '2027-08-15' });
    expect(checkExtensionDecision(secretariat, req, 'granted', '2027-07-30', { grantedDueDate: '2027-07-30' })).toEqual({ ok: false, reason: 'not_after_due_date' });
    expect(checkExtensionDecision(secretariat, req, 'granted', '2027-07-30', { grantedDueDate: '2027-02-30' })).toEqual({ ok: false, reason: 'invalid_date' });
    expect(checkExtensionDecision(secretariat, req, 'refused', '2027-07-30')).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkExtensionDecision(secretariat, req, 'refused', '2027-07-30', { reason: 'The delay is not explained.' })).toEqual({ ok: true, action: 'refuse', dueDate: '2027-07-30' });
    for (const a of [org, monitor, observer]) expect(checkExtensionDecision(a, req, 'granted', '2027-07-30')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkExtensionDecision(secretariat, { ...req, status: 'granted' }, 'refused', '2027-07-30', { reason: 'x' })).toEqual({ ok: false, reason: 'no_such_transition' });
    expect(checkExtensionDecision(secretariat, req, 'requested', '2027-07-30')).toEqual({ ok: false, reason: 'no_such_transition' });
  });

  it('the due date in force is the latest granted; refused and waiting requests change nothing', () => {
    expect(dueDateWithExtension('2027-07-30', [])).toBe('2027-07-30');
    expect(dueDateWithExtension('2027-07-30', [{ status: 'refused', requestedDueDate: '2027-09-30' }, { status: 'requested', requestedDueDate: '2027-10-30' }])).toBe('2027-07-30');
    expect(
      dueDateWithExtension('2027-07-30', [
        { status: 'granted', requestedDueDate: '2027-09-30', grantedDueDate: '2027-08-15' },
        { status: 'granted', requestedDueDate: '2027-08-30' },
      ]),
    ).toBe('2027-08-30');
    expect(() => dueDateWithExtension('30.07.2027', [])).toThrow(RangeError);
  });
});

describe('closure', () => {
  const allMet = { finalReportAccepted: true, finalPaymentMadeOrRecoverySettled: true, openActionPoints: 0, missingDocuments: 0 };

  it('lists each item met or not with its figures', () => {
    expect(closureChecklist({ finalReportAccepted: true, finalPaymentMadeOrRecoverySettled: false, openActionPoints: 2, missingDocuments: ['final audit report'] })).toEqual([
      { code: 'final_report_accepted', met: true, params: {} },
      { code: 'final_balance_settled', met: false, params: {} },
      { code: 'action_points_closed', met: false, params: { open: 2 } },
      { code: 'documents_in_place', met: false, params: { missing: 1 } },
    ]);
    expect(() => closureChecklist({ ...allMet, openActionPoints: -1 })).toThrow(RangeError);
  });

  it('closes only when every item is met, with a closing note', () => {
    expect(canCloseGrant(allMet)).toBe(true);
    expect(canCloseGrant(closureChecklist(allMet))).toBe(true);
    for (const k of ['finalReportAccepted', 'finalPaymentMadeOrRecoverySettled'] as const) expect(canCloseGrant({ ...allMet, [k]: false })).toBe(false);
    expect(canCloseGrant({ ...allMet, openActionPoints: 1 })).toBe(false);
    expect(canCloseGrant({ ...allMet, missingDocuments: 3 })).toBe(false);
    expect(canCloseGrant({ ...allMet, missingDocuments: [] })).toBe(true);
    expect(closeGrantProblems(closureChecklist(allMet), 'All results reached; final payment made on 2028-03-15.')).toEqual([]);
    expect(closeGrantProblems(closureChecklist({ ...allMet, openActionPoints: 2 }), ' ')).toEqual([
      { field: 'checklist.action_points_closed', code: 'unmet', params: { open: 2 } },
      { field: 'closingNote', code: 'required' },
    ]);
  });

  it('property: a grant closes exactly when all four conditions hold', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.nat({ max: 5 }), fc.nat({ max: 5 }), (a, b, open, missing) => {
        const input = { finalReportAccepted: a, finalPaymentMadeOrRecoverySettled: b, openActionPoints: open, missingDocuments: missing };
        expect(canCloseGrant(input)).toBe(a && b && open === 0 && missing === 0);
      }),
    );
  });
});

describe('extension request transitions', () => {
  it('decides a request once: granted or refused, then final', () => {
    expect(canTransitionExtension('requested', 'granted')).toBe(true);
    expect(canTransitionExtension('requested', 'refused')).toBe(true);
    for (const from of ['granted', 'refused'] as const) for (const to of ['requested', 'granted', 'refused'] as const) expect(canTransitionExtension(from, to)).toBe(false);
    expect(canTransitionExtension('requested', 'requested')).toBe(false);
  });
});
