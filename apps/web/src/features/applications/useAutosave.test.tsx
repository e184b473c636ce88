import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestBodyOf, Schemas } from '../../api/client';
import { resetCsrfToken } from '../../api/csrf';
import { json, mockFetch } from '../../test/utils';
import type { Application } from '../calls/types';
import { localCopyKey, useAutosave } from './useAutosave';

const CONTENT: Schemas['ApplicationContentResponseDto'] = {
  project: { title: 'Safe steps', summary: '', durationMonths: 12, startDate: '2027-02-01', municipalities: [], targetGroups: [], beneficiariesByGroup: [] },
  logframe: { overallObjective: '', specificObjectives: [] },
  workplan: [],
  budget: { lines: [], coFinancingCents: 0, indirectCostBp: 0 },
  capacity: { experienceWithVoT: '', staff: '', licenceNumber: '' },
  attachments: [],
  declarations: { truthful: false, noDoubleFunding: false, dataProtection: false },
};
const BUDGET: Schemas['ComputedBudgetResponseDto'] = { lines: [], headings: [], directCents: 0, indirectCostBp: 0, indirectCents: 0, totalCents: 0, coFinancingCents: 0, requestedCents: 0, coFinancingBp: 0 };

export function makeApplication(overrides: Partial<Application> = {}): Application {
  return {
    id: 'a1', callId: 'c1', callReference: 'MF-C3-2026-01', organizationId: 'o1', organizationName: 'Shpresa', status: 'draft', version: 3,
    reference: null, content: CONTENT, budget: BUDGET, completeness: [], submittedAt: null, sha256: null, changedSinceSubmission: false,
    deadlineAt: '2099-01-01T15:00:00Z', serverNow: '2026-11-24T10:00:00Z', submissionOpen: true, submissions: [], attachments: [],
    requiredAttachments: [], admissibility: null, ...overrides,
  };
}

type SaveBody = RequestBodyOf<'/api/applications/{id}/autosave', 'patch'>;
const SAVE_URL = '/api/applications/a1/autosave';

/** What the autosave answers: only what a save changes. */
function answer(version: number): Schemas['ApplicationAutosaveResponseDto'] {
  return { id: 'a1', status: 'draft', version, budget: BUDGET, completeness: [], changedSinceSubmission: false, serverNow: '2026-11-24T10:00:05Z', submissionOpen: true };
}
const sentPatches: SaveBody[] = [];
const patches = () => sentPatches;

/** The mock API, keeping each PATCH body the hook sent. */
function mockApi(handler: Parameters<typeof mockFetch>[0]) {
  return mockFetch((url, init) => {
    if (url === SAVE_URL && init.method === 'PATCH') sentPatches.push(JSON.parse(String(init.body)) as SaveBody);
    return handler(url, init);
  });
}

describe('useAutosave', () => {
  beforeEach(() => {
    resetCsrfToken();
    sentPatches.length = 0;
    window.localStorage.clear();
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits 1.5 s after the last change, then sends only the changed section with the version it holds', async () => {
    let version = 3;
    mockApi((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === SAVE_URL && init.method === 'PATCH') {
        const body = JSON.parse(String(init.body)) as { version: number };
        expect(body.version).toBe(version);
        version += 1;
        return json(answer(version));
      }
      return undefined;
    });
    const onSaved = vi.fn();
    const { result } = renderHook(() => useAutosave({ application: makeApplication(), onSaved }));
    act(() => result.current.setSection('project', { ...CONTENT.project, title: 'Safe' }));
    await act(async () => { await vi.advanceTimersByTimeAsync(1000); });
    act(() => result.current.setSection('project', { ...CONTENT.project, title: 'Safe steps 2' }));
    expect(result.current.status).toBe('pending');
    // the local copy keeps what is not yet sent
    expect(JSON.parse(window.localStorage.getItem(localCopyKey('a1')) as string).sections.project.title).toBe('Safe steps 2');
    await act(async () => { await vi.advanceTimersByTimeAsync(1000); });
    expect(patches()).toHaveLength(0);
    await act(async () => { await vi.advanceTimersByTimeAsync(600); });
    await vi.waitFor(() => expect(result.current.status).toBe('saved'));
    const sent = patches();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({ version: 3, content: { project: { ...CONTENT.project, title: 'Safe steps 2' } } });
    // the cache gets the whole application: the answer's version, budget and clock over the one last read, with the content saved
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({
      id: 'a1', version: 4, organizationName: 'Shpresa', serverNow: '2026-11-24T10:00:05Z', budget: BUDGET,
      content: { ...CONTENT, project: { ...CONTENT.project, title: 'Safe steps 2' } },
    }));
    expect(window.localStorage.getItem(localCopyKey('a1'))).toBeNull();

    // the next save carries the new version
    act(() => result.current.setSection('capacity', { ...CONTENT.capacity, staff: 'Two social workers' }));
    await act(async () => { await vi.advanceTimersByTimeAsync(1600); });
    await vi.waitFor(() => expect(patches()).toHaveLength(2));
    // the licence number is the profile's (the server fills it in): never sent
    expect(patches()[1]).toEqual({ version: 4, content: { capacity: { experienceWithVoT: '', staff: 'Two social workers' } } });
  });

  it('on 409 names the sections a colleague changed, and reload keeps the edits of other sections', async () => {
    const theirs = makeApplication({ version: 4, content: { ...CONTENT, project: { ...CONTENT.project, title: 'Their title' } } });
    let conflict = true;
    mockApi((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === SAVE_URL && init.method === 'PATCH') {
        if (conflict) {
          conflict = false;
          return json({ statusCode: 409, message: 'A colleague saved', details: [{ field: 'content.project', code: 'version_conflict', message: '' }] }, 409);
        }
        return json(answer(5));
      }
      if (url === '/api/applications/a1') return json(theirs);
      return undefined;
    });
    const { result } = renderHook(() => useAutosave({ application: makeApplication() }));
    act(() => {
      result.current.setSection('project', { ...CONTENT.project, title: 'My title' });
      result.current.setSection('capacity', { ...CONTENT.capacity, staff: 'Mine' });
    });
    await act(async () => { await vi.advanceTimersByTimeAsync(1600); });
    await vi.waitFor(() => expect(result.current.status).toBe('conflict'));
    await vi.waitFor(() => expect(result.current.conflictSections).toEqual(['project']));
    // nothing more is sent while the conflict is open
    act(() => result.current.setSection('capacity', { ...CONTENT.capacity, staff: 'Mine, again' }));
    await act(async () => { await vi.advanceTimersByTimeAsync(2000); });
    expect(patches()).toHaveLength(1);

    await act(async () => { await result.current.reload(); });
    expect(result.current.content.project.title).toBe('Their title');
    expect(result.current.content.capacity.staff).toBe('Mine, again');
    await act(async () => { await vi.advanceTimersByTimeAsync(1600); });
    await vi.waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[1]).toEqual({ version: 4, content: { capacity: { experienceWithVoT: '', staff: 'Mine, again' } } });
  });

  it('after its own save, names only what a colleague changed, whatever the order of the keys the server sends back', async () => {
    const mine = { ...CONTENT.project, title: 'My title' };
    // the server's copy comes from jsonb: the same project with its keys in another order, and their new capacity
    const reordered = Object.fromEntries(Object.entries(mine).reverse()) as typeof mine;
    const theirs = makeApplication({ version: 5, content: { ...CONTENT, project: reordered, capacity: { ...CONTENT.capacity, staff: 'Theirs' } } });
    let saves = 0;
    mockApi((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === SAVE_URL && init.method === 'PATCH') {
        saves += 1;
        return saves === 1 ? json(answer(4)) : json({ statusCode: 409, message: 'A colleague saved', details: [] }, 409);
      }
      if (url === '/api/applications/a1') return json(theirs);
      return undefined;
    });
    const { result } = renderHook(() => useAutosave({ application: makeApplication() }));
    act(() => result.current.setSection('project', mine));
    await act(async () => { await vi.advanceTimersByTimeAsync(1600); });
    await vi.waitFor(() => expect(result.current.status).toBe('saved'));
    act(() => result.current.setSection('declarations', { ...CONTENT.declarations, truthful: true }));
    await act(async () => { await vi.advanceTimersByTimeAsync(1600); });
    await vi.waitFor(() => expect(result.current.status).toBe('conflict'));
    await vi.waitFor(() => expect(result.current.conflictSections).toEqual(['capacity']));
  });

  it('offers the unsent copy kept in this browser, and restores it', async () => {
    window.localStorage.setItem(localCopyKey('a1'), JSON.stringify({ version: 3, savedAt: '2026-11-24T10:00:00Z', sections: { capacity: { ...CONTENT.capacity, staff: 'Unsent' } } }));
    mockFetch((url) => (url === '/api/auth/csrf' ? json({ csrfToken: 't' }) : undefined));
    const { result } = renderHook(() => useAutosave({ application: makeApplication(), enabled: false }));
    expect(result.current.localCopy?.sections.capacity?.staff).toBe('Unsent');
    act(() => result.current.restoreLocal());
    expect(result.current.content.capacity.staff).toBe('Unsent');
    expect(result.current.localCopy).toBeNull();
  });
});
