import 'fake-indexeddb/auto';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { Blob as NodeBlob } from 'node:buffer';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeMe, queryClientWith } from '../../../test/utils';
import { openDraftStore, type DraftStore } from './draft-store';
import { disposeSyncRuntimes } from './runtime';
import { fakeServer, VISIT_ID } from './test-fakes';
import { useVisitDraft } from './useVisitDraft';

const photoBlob = () => new NodeBlob([new Uint8Array([255, 216, 255, 9])], { type: 'image/jpeg' }) as unknown as Blob;
let online = true;
const setOnline = (value: boolean) => {
  online = value;
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
};
const stores: DraftStore[] = [];
afterEach(() => {
  disposeSyncRuntimes();
  stores.splice(0).forEach((s) => s.close());
  online = true;
});

function wrapper(userId: string) {
  const client = queryClientWith(makeMe({ id: userId, role: 'monitor' }));
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useVisitDraft', () => {
  it('offline: typing and a photo stay on the phone across a reload; back online they reach the server once', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
    const server = fakeServer();
    const visit = server.visit(); // read before leaving (online)
    const name = 'hook-offline';
    const first = openDraftStore(name);
    stores.push(first);
    setOnline(false);
    const a = renderHook(() => useVisitDraft(VISIT_ID, visit, { adapter: server, store: first }), { wrapper: wrapper('m1') });
    await waitFor(() => expect(a.result.current.draft?.content.findings).toBe('The shelter runs as planned.'));
    expect(a.result.current.state).toBe('on_server');
    act(() => a.result.current.setContent((c) => ({ ...c, findings: 'Written in the car park' })));
    expect(a.result.current.state).toBe('device_only');
    expect(a.result.current.draft?.content.findings).toBe('Written in the car park');
    await act(() => a.result.current.addPhoto(photoBlob(), 'Kitchen'));
    await waitFor(async () => expect((await first.getDraft('m1', VISIT_ID))?.content.findings).toBe('Written in the car park'));
    expect(a.result.current.pending).toEqual({ fields: ['findings'], fieldCount: 1, photos: 1 });
    expect(a.result.current.online).toBe(false);
    a.unmount();
    first.close();
    disposeSyncRuntimes();

    // the page is reloaded, still offline: the same database, a new connection
    const second = openDraftStore(name);
    stores.push(second);
    const b = renderHook(() => useVisitDraft(VISIT_ID, visit, { adapter: server, store: second }), { wrapper: wrapper('m1') });
    await waitFor(() => expect(b.result.current.draft?.content.findings).toBe('Written in the car park'));
    expect(b.result.current.photos.map((p) => [p.caption, p.uploaded])).toEqual([['Kitchen', false]]);
    expect(b.result.current.state).toBe('device_only');
    expect(server.calls.saveReport).toEqual([]);

    // the network is back
    act(() => setOnline(true));
    await waitFor(() => expect(b.result.current.state).toBe('on_server'), { timeout: 5000 });
    expect(server.calls.uploadPhoto).toHaveLength(1);
    expect(server.calls.saveReport).toEqual([1]);
    expect(server.content.findings).toBe('Written in the car park');
    expect(server.photos.map((p) => p.caption)).toEqual(['Kitchen']);
    expect(b.result.current.savedOnServerAt).not.toBeNull();
    expect(b.result.current.pending).toEqual({ fields: [], fieldCount: 0, photos: 0 });
  });

  it('never shows one user’s draft to another user of the same phone', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
    setOnline(false);
    const server = fakeServer();
    const visit = server.visit();
    const store = openDraftStore('hook-users');
    stores.push(store);
    const a = renderHook(() => useVisitDraft(VISIT_ID, visit, { adapter: server, store }), { wrapper: wrapper('m1') });
    await waitFor(() => expect(a.result.current.draft).toBeDefined());
    act(() => a.result.current.setContent((c) => ({ ...c, findings: 'Monitor one’s notes' })));
    await waitFor(async () => expect((await store.getDraft('m1', VISIT_ID))?.content.findings).toBe('Monitor one’s notes'));
    a.unmount();
    const b = renderHook(() => useVisitDraft(VISIT_ID, visit, { adapter: server, store }), { wrapper: wrapper('m2') });
    await waitFor(() => expect(b.result.current.draft).toBeDefined());
    expect(b.result.current.draft?.content.findings).toBe('The shelter runs as planned.');
    expect(b.result.current.state).toBe('on_server');
  });

  it('a newer server version over unsent edits is a conflict; keep mine saves over it', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
    setOnline(false);
    const server = fakeServer();
    const store = openDraftStore('hook-conflict');
    stores.push(store);
    let visit = server.visit();
    const h = renderHook(() => useVisitDraft(VISIT_ID, visit, { adapter: server, store }), { wrapper: wrapper('m1') });
    await waitFor(() => expect(h.result.current.draft).toBeDefined());
    act(() => h.result.current.setContent((c) => ({ ...c, findings: 'Mine' })));
    await waitFor(async () => expect((await store.getDraft('m1', VISIT_ID))?.content.findings).toBe('Mine'));
    server.editElsewhere({ findings: 'Theirs' });
    visit = server.visit(); // the screen read the visit again
    h.rerender();
    await waitFor(() => expect(h.result.current.state).toBe('conflict'));
    expect(h.result.current.conflict?.server.content.findings).toBe('Theirs');
    expect(h.result.current.draft?.content.findings).toBe('Mine');
    online = true;
    await act(() => h.result.current.keepMine());
    await waitFor(() => expect(h.result.current.state).toBe('on_server'));
    expect(server.content.findings).toBe('Mine');
    expect(server.calls.saveReport).toEqual([2]);
  });
});
