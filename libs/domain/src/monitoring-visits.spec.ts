import fc from 'fast-check';
import { addDays } from './dates';
import {
  ACTIVITY_STATUS_SCALE, activityStatusKey, beneficiariesObservedTotal, canCommentOnVisitReport, canTransitionVisitReport, checkVisitReportTransition,
  isVisitReportEditable, isVisitReportFrozen, isVisitReportVisibleToOrganisation, isVisitVisibleToOrganisation, organisationVisibleVisits,
  ratingNeedsReasons, VISIT_REPORT_STATUSES, VISIT_TYPES, visitAnnouncedInAdvance, visitPlanProblems, visitRatingKey, visitReportCanonicalContent,
  visitReminders, visitReportProblems, type VisitReportContent,
  workPlanActivities,
} from './monitoring-visits';
import type { Actor } from './permissions';

const monitor: Actor = { role: 'monitor' };
const secretariat: Actor = { role: 'secretariat' };
const admin: Actor = { role: 'secretariat_admin' };
const org: Actor = { role: 'applicant', orgRole: 'owner' };
const observer: Actor = { role: 'observer' };

const complete: VisitReportContent = {
  activities: [
    { activityId: 'a1', status: 4, comment: 'Shelter staff trained' },
    { activityId: 'a2', status: 2 },
  ],
  rating: 1,
  findings: 'Case files kept in a locked cabinet.',
  peopleMet: [{ function: 'shelter coordinator', count: 1 }, { function: 'case manager', count: 2 }],
  beneficiariesObserved: [{ group: 'adult women', count: 5 }, { group: 'children', count: 0 }],
};

describe('visits', () => {
  it('announces planned and follow-up visits, never unannounced ones', () => {
    expect(VISIT_TYPES).toEqual(['planned', 'follow_up', 'unannounced']);
    expect(visitAnnouncedInAdvance('planned')).toBe(true);
    expect(visitAnnouncedInAdvance('follow_up')).toBe(true);
    expect(visitAnnouncedInAdvance('unannounced')).toBe(false);
  });

  it('hides an unannounced visit from the organisation until its day', () => {
    const v = { type: 'unannounced' as const, date: '2027-05-10' };
    expect(isVisitVisibleToOrganisation(v, '2027-05-09')).toBe(false);
    expect(isVisitVisibleToOrganisation(v, '2027-05-10')).toBe(true);
    expect(isVisitVisibleToOrganisation(v, '2027-06-01')).toBe(true);
    expect(isVisitVisibleToOrganisation({ type: 'planned', date: '2027-05-10' }, '2027-01-01')).toBe(true);
    expect(organisationVisibleVisits([v, { type: 'follow_up', date: '2027-05-20' }], '2027-05-01').map((x) => x.type)).toEqual(['follow_up']);
    expect(() => isVisitVisibleToOrganisation({ type: 'planned', date: '2027-02-30' }, '2027-01-01')).toThrow(RangeError);
  });

  it('an unannounced visit is visible exactly from its date on (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -400, max: 400 }), (n, k) => {
        const date = addDays('2020-01-01', n);
        const today = addDays(date, k);
        expect(isVisitVisibleToOrganisation({ type: 'unannounced', date }, today)).toBe(k >= 0);
        expect(isVisitVisibleToOrganisation({ type: 'planned', date }, today)).toBe(true);
      }),
    );
  });

  it('names the field of a visit that cannot be planned', () => {
    const grant = { startDate: '2027-01-01', endDate: '2027-12-31' };
    expect(visitPlanProblems({ type: 'planned', date: '2027-03-01', purpose: 'Quarterly check' }, grant, '2027-02-01')).toEqual([]);
    expect(visitPlanProblems({ type: 'surprise', date: '2027-01-15', purpose: ' ' }, grant, '2027-02-01').map((p) => [p.field, p.code])).toEqual([
      ['type', 'invalid'], ['date', 'in_the_past'], ['purpose', 'required'],
    ]);
    expect(visitPlanProblems({ type: 'planned', date: '2028-01-05', purpose: 'x' }, grant, '2027-02-01')[0]).toMatchObject({ field: 'date', code: 'after_grant_end' });
    expect(visitPlanProblems({ type: 'planned', date: '2026-12-20', purpose: 'x' }, grant, '2026-12-01')[0]).toMatchObject({ field: 'date', code: 'before_grant_start' });
    expect(visitPlanProblems({}, grant, '2027-02-01').map((p) => [p.field, p.code])).toEqual([['type', 'required'], ['date', 'required'], ['purpose', 'required']]);
  });
});

describe('visit report states', () => {
  it('goes draft → submitted → accepted | returned → shared, and nothing leaves shared', () => {
    expect(canTransitionVisitReport('draft', 'submitted')).toBe(true);
    expect(canTransitionVisitReport('submitted', 'accepted')).toBe(true);
    expect(canTransitionVisitReport('submitted', 'returned')).toBe(true);
    expect(canTransitionVisitReport('returned', 'submitted')).toBe(true);
    expect(canTransitionVisitReport('accepted', 'shared')).toBe(true);
    expect(canTransitionVisitReport('draft', 'shared')).toBe(false);
    expect(canTransitionVisitReport('submitted', 'shared')).toBe(false);
    for (const to of VISIT_REPORT_STATUSES) expect(canTransitionVisitReport('shared', to)).toBe(false);
  });

  it('lets the monitor submit and the Secretariat accept, return (with a reason) and share', () => {
    expect(checkVisitReportTransition(monitor, 'draft', 'submitted')).toEqual({ ok: true, action: 'submit' });
    expect(checkVisitReportTransition(monitor, 'returned', 'submitted')).toEqual({ ok: true, action: 'submit' });
    expect(checkVisitReportTransition(secretariat, 'draft', 'submitted')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkVisitReportTransition(monitor, 'submitted', 'accepted')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkVisitReportTransition(secretariat, 'submitted', 'accepted')).toEqual({ ok: true, action: 'accept' });
    expect(checkVisitReportTransition(admin, 'submitted', 'returned', '  ')).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkVisitReportTransition(admin, 'submitted', 'returned', 'Activity 2 has no comment')).toEqual({ ok: true, action: 'return' });
    expect(checkVisitReportTransition(secretariat, 'accepted', 'shared')).toEqual({ ok: true, action: 'share' });
    expect(checkVisitReportTransition(org, 'accepted', 'shared')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkVisitReportTransition(secretariat, 'shared', 'draft')).toEqual({ ok: false, reason: 'no_such_transition' });
    expect(checkVisitReportTransition({ role: 'monitor', active: false }, 'draft', 'submitted')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
  });

  it('no actor moves a shared report, an observer moves nothing (property)', () => {
    const actors = fc.constantFrom(monitor, secretariat, admin, org, observer);
    const status = fc.constantFrom(...VISIT_REPORT_STATUSES);
    fc.assert(
      fc.property(actors, status, status, fc.option(fc.string()), (a, from, to, reason) => {
        const r = checkVisitReportTransition(a, from, to, reason);
        if (from === 'shared' || a === observer || a === org) expect(r.ok).toBe(false);
        if (r.ok) expect(canTransitionVisitReport(from, to)).toBe(true);
      }),
    );
  });

  it('is editable as a draft or returned, frozen and visible to the organisation once shared', () => {
    expect(VISIT_REPORT_STATUSES.filter(isVisitReportEditable)).toEqual(['draft', 'returned']);
    expect(VISIT_REPORT_STATUSES.filter(isVisitReportFrozen)).toEqual(['shared']);
    expect(VISIT_REPORT_STATUSES.filter(isVisitReportVisibleToOrganisation)).toEqual(['shared']);
    expect(canCommentOnVisitReport('shared', org)).toBe(true);
    expect(canCommentOnVisitReport('accepted', org)).toBe(false);
    expect(canCommentOnVisitReport('shared', observer)).toBe(false);
  });
});

describe('visit report content', () => {
  it("uses the framework's scales", () => {
    expect(ACTIVITY_STATUS_SCALE.map((s) => `${s.value} ${s.key}`)).toEqual(['1 not_started', '2 ongoing', '3 started', '4 completed']);
    expect(activityStatusKey(3)).toBe('started');
    expect([1, 2, 3].map((r) => visitRatingKey(r as 1 | 2 | 3))).toEqual(['on_track', 'difficulties_manageable', 'needs_revision']);
    expect([1, 2, 3].map((r) => ratingNeedsReasons(r as 1 | 2 | 3))).toEqual([false, true, true]);
  });

  it('accepts a complete report rated 1', () => {
    expect(visitReportProblems(complete, ['a1', 'a2'])).toEqual([]);
    expect(beneficiariesObservedTotal(complete)).toBe(5);
  });

  it('needs the reasons and the corrective actions for a rating of 2 or 3', () => {
    for (const rating of [2, 3] as const) {
      expect(visitReportProblems({ ...complete, rating }, ['a1', 'a2'])).toEqual([
        { field: 'ratingReasons', code: 'required_for_rating', params: { rating } },
        { field: 'correctiveActions', code: 'required_for_rating', params: { rating } },
      ]);
      expect(visitReportProblems({ ...complete, rating, ratingReasons: 'Staff left', correctiveActions: 'Recruit by June' }, ['a1', 'a2'])).toEqual([]);
    }
  });

  it('a rating of 2 or 3 without both texts is never submittable, a rating of 1 needs neither (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>, fc.option(fc.string()), fc.option(fc.string()), (rating, reasons, actions) => {
        const p = visitReportProblems({ ...complete, rating, ratingReasons: reasons, correctiveActions: actions }, ['a1', 'a2']).filter((x) => x.code === 'required_for_rating');
        const expected = rating === 1 ? 0 : Number(!reasons?.trim()) + Number(!actions?.trim());
        expect(p.length).toBe(expected);
      }),
    );
  });

  it('names each field at fault', () => {
    const bad: VisitReportContent = {
      activities: [{ activityId: 'a1', status: 5 as never }, { activityId: 'a1', status: null }, { activityId: 'zz', status: 1 }],
      rating: null,
      peopleMet: [{ function: ' ', count: 1 }, { function: 'psychologist', count: 0 }],
      beneficiariesObserved: [{ group: 'girls', count: -1 }, { group: 'boys', count: 1.5 }],
      photoFileIds: ['f1', 'f1'],
    };
    expect(visitReportProblems(bad, ['a1', 'a2']).map((p) => `${p.field} ${p.code}`)).toEqual([
      'activities.0.status invalid',
      'activities.1.activityId duplicate',
      'activities.1.status required',
      'activities.2.activityId not_in_work_plan',
      'activities activity_not_assessed',
      'rating required',
      'findings required',
      'peopleMet.0.function required',
      'peopleMet.1.count not_positive_integer',
      'beneficiariesObserved.0.count not_non_negative_integer',
      'beneficiariesObserved.1.count not_non_negative_integer',
      'photoFileIds duplicate',
    ]);
  });

  it('lets a draft be saved incomplete but not wrong', () => {
    const draft: VisitReportContent = { activities: [{ activityId: 'a1', status: null }], rating: 3, peopleMet: [], beneficiariesObserved: [] };
    expect(visitReportProblems(draft, ['a1', 'a2'], 'draft')).toEqual([]);
    expect(visitReportProblems({ ...draft, beneficiariesObserved: [{ group: 'women', count: -2 }] }, ['a1'], 'draft').map((p) => p.field)).toEqual(['beneficiariesObserved.0.count']);
  });

  it('gives the same canonical content whatever the order of activities or keys', () => {
    const a = visitReportCanonicalContent(complete);
    const b = visitReportCanonicalContent({ ...complete, activities: [...complete.activities].reverse() });
    expect(a).toBe(b);
    expect(visitReportCanonicalContent({ ...complete, findings: 'other' })).not.toBe(a);
  });
});

describe('workPlanActivities', () => {
  it('lists every activity of the logframe in order, keyed like the versions comparison, with its result', () => {
    const logframe = {
      overallObjective: 'o',
      specificObjectives: [
        { text: 'so1', results: [
          { text: 'R1', indicators: [], activities: [{ code: 'A1.1', text: 'Shelter' }, { code: '', text: 'Counselling' }] },
          { text: 'R2', indicators: [], activities: [{ code: 'A2.1', text: 'Training' }] },
        ] },
      ],
    } as never;
    expect(workPlanActivities(logframe)).toEqual([
      { activityId: 'activity.A1.1', text: 'Shelter', result: 'R1' },
      { activityId: 'so.1.result.1.activity.2', text: 'Counselling', result: 'R1' },
      { activityId: 'activity.A2.1', text: 'Training', result: 'R2' },
    ]);
    expect(workPlanActivities(null)).toEqual([]);
  });
});

describe('visitReminders', () => {
  it('reminds the organisation of an announced visit 2 days before, at 09:00 Kosovo time (summer and winter), and never of an unannounced one', () => {
    expect(visitReminders({ type: 'planned', date: '2027-07-15' })).toEqual([{ key: 'V-2d', kind: 'before', date: '2027-07-13', at: '2027-07-13T07:00:00.000Z' }]);
    expect(visitReminders({ type: 'follow_up', date: '2027-01-02' })).toEqual([{ key: 'V-2d', kind: 'before', date: '2026-12-31', at: '2026-12-31T08:00:00.000Z' }]);
    expect(visitReminders({ type: 'unannounced', date: '2027-07-15' })).toEqual([]);
    expect(() => visitReminders({ type: 'planned', date: '2027-02-30' })).toThrow(RangeError);
  });

  it('has a reminder exactly when the visit is announced in advance', () => {
    fc.assert(fc.property(fc.constantFrom(...VISIT_TYPES), fc.integer({ min: 0, max: 3000 }), (type, d) => {
      const date = addDays('2026-01-01', d);
      const r = visitReminders({ type, date });
      expect(r.length).toBe(visitAnnouncedInAdvance(type) ? 1 : 0);
      for (const x of r) expect(addDays(x.date, 2)).toBe(date);
    }));
  });
});
