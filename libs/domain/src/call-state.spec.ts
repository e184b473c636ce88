import fc from 'fast-check';
import {
  CALL_STATUSES,
  CALL_TRANSITIONS,
  callActions,
  callEditMode,
  canDoOnCall,
  canTransitionCall,
  isCallStatus,
  nextCallStatuses,
  type CallStatus,
} from './call-state';

describe('call state machine', () => {
  it('follows draft → published → closed → in_evaluation → decided → archived', () => {
    const path: CallStatus[] = ['draft', 'published', 'closed', 'in_evaluation', 'decided', 'archived'];
    for (let i = 0; i + 1 < path.length; i++) {
      expect(canTransitionCall(path[i]!, path[i + 1]!)).toBe(true);
      expect(nextCallStatuses(path[i]!)).toEqual([path[i + 1]]);
    }
    expect(nextCallStatuses('archived')).toEqual([]);
  });

  it('never goes back, never skips a step, never stays', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALL_STATUSES), fc.constantFrom(...CALL_STATUSES), (from, to) => {
        const allowed = canTransitionCall(from, to);
        expect(allowed).toBe(CALL_STATUSES.indexOf(to) === CALL_STATUSES.indexOf(from) + 1);
      }),
    );
  });

  it('refuses published → draft and closed → published', () => {
    expect(canTransitionCall('published', 'draft')).toBe(false);
    expect(canTransitionCall('closed', 'published')).toBe(false);
    expect(canTransitionCall('draft', 'closed')).toBe(false);
  });

  it('has a transition list for every status', () => {
    expect(Object.keys(CALL_TRANSITIONS).sort()).toEqual([...CALL_STATUSES].sort());
  });

  it('recognises statuses', () => {
    expect(isCallStatus('published')).toBe(true);
    expect(isCallStatus('open')).toBe(false);
    expect(isCallStatus(3)).toBe(false);
  });
});

describe('callEditMode and actions', () => {
  it('edits drafts freely, published calls only by amendment, later calls not at all', () => {
    expect(callEditMode('draft')).toBe('free');
    expect(callEditMode('published')).toBe('amendment_only');
    for (const s of ['closed', 'in_evaluation', 'decided', 'archived'] as const) expect(callEditMode(s)).toBe('locked');
  });

  it('lets applicants ask and apply only on a published call', () => {
    for (const s of CALL_STATUSES) {
      expect(canDoOnCall(s, 'start_application')).toBe(s === 'published');
      expect(canDoOnCall(s, 'ask_question')).toBe(s === 'published');
    }
  });

  it('agrees with the edit mode and the transitions', () => {
    for (const s of CALL_STATUSES) {
      expect(canDoOnCall(s, 'edit')).toBe(callEditMode(s) === 'free');
      expect(canDoOnCall(s, 'amend')).toBe(callEditMode(s) === 'amendment_only');
      expect(canDoOnCall(s, 'publish')).toBe(canTransitionCall(s, 'published'));
      expect(canDoOnCall(s, 'archive')).toBe(canTransitionCall(s, 'archived'));
      expect(callActions(s)).toContain('copy');
    }
  });
});
