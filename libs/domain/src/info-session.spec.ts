import { canTransitionInfoSession, infoSessionRegistrationProblem, INFO_SESSION_STATUSES } from './info-session';

describe('info sessions', () => {
  it('may be cancelled once, and never come back', () => {
    expect(canTransitionInfoSession('planned', 'cancelled')).toBe(true);
    expect(canTransitionInfoSession('cancelled', 'planned')).toBe(false);
    expect(canTransitionInfoSession('cancelled', 'cancelled')).toBe(false);
    expect(canTransitionInfoSession('planned', 'planned')).toBe(false);
    expect(INFO_SESSION_STATUSES).toEqual(['planned', 'cancelled']);
  });

  it('takes registrations only while planned and before it starts', () => {
    const now = new Date('2027-03-01T10:00:00Z');
    expect(infoSessionRegistrationProblem({ status: 'planned', startsAt: new Date('2027-03-02T10:00:00Z') }, now)).toBeNull();
    expect(infoSessionRegistrationProblem({ status: 'planned', startsAt: now }, now)).toBe('session_past');
    expect(infoSessionRegistrationProblem({ status: 'cancelled', startsAt: new Date('2027-03-02T10:00:00Z') }, now)).toBe('session_cancelled');
  });
});
