import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRESH_AFTER_WRITE_MS, isApiWrite, isOfflineRead, keepOnlyJson, noteApiWrite, noteReadFailed, notOlderThanLastWrite } from './cache-rules';

const at = (path: string, init: { method?: string; mode?: RequestMode; sameOrigin?: boolean } = {}) => ({
  url: new URL(path, 'https://portal.example'),
  request: { method: init.method ?? 'GET', mode: init.mode ?? 'cors' } as Request,
  sameOrigin: init.sameOrigin ?? true,
});

describe('what the service worker keeps for offline use', () => {
  it('keeps the JSON reads of visits, grants and the signed-in user', () => {
    for (const p of ['/api/visits', '/api/visits?from=2026-12-01', '/api/visits/v1', '/api/grants/g1', '/api/grants/g1/visits', '/api/grants?page=1', '/api/auth/me']) {
      expect(isOfflineRead(at(p)), p).toBe(true);
    }
  });

  it('never keeps files, other routes, writes, navigations or other sites', () => {
    for (const p of ['/api/visits/v1/report/photos/p1', '/api/grants/g1/documents/d1', '/api/grants/g1/agreement.pdf', '/api/grants/g1/expenditure/export', '/api/files/f1', '/api/applications/a1', '/api/auth/csrf', '/api/notifications', '/grants/g1']) {
      expect(isOfflineRead(at(p)), p).toBe(false);
    }
    expect(isOfflineRead(at('/api/visits/v1', { method: 'PUT' }))).toBe(false);
    expect(isOfflineRead(at('/api/visits/v1/report/photos', { method: 'POST' }))).toBe(false);
    expect(isOfflineRead(at('/api/grants/g1', { mode: 'navigate' }))).toBe(false);
    expect(isOfflineRead(at('/api/grants/g1', { sameOrigin: false }))).toBe(false);
  });

  it('stores only a 200 answer with JSON', async () => {
    const json = new Response('{}', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(await keepOnlyJson({ response: json })).toBe(json);
    expect(await keepOnlyJson({ response: new Response('x', { status: 200, headers: { 'content-type': 'image/jpeg' } }) })).toBeNull();
    expect(await keepOnlyJson({ response: new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } }) })).toBeNull();
  });
});

describe('no stale kept answer right after one\'s own change', () => {
  const scope = self as unknown as { __grantsApiWriteAt?: number; __grantsReadFailedAt?: number };
  const kept = (date: string) => new Response('{}', { headers: { 'content-type': 'application/json', date } });
  afterEach(() => {
    delete scope.__grantsApiWriteAt;
    delete scope.__grantsReadFailedAt;
    vi.useRealTimers();
  });

  it('watches the API\'s changes only', () => {
    expect(isApiWrite(at('/api/tranches/t1/request', { method: 'POST' }))).toBe(true);
    expect(isApiWrite(at('/api/visits/v1/report', { method: 'PUT' }))).toBe(true);
    expect(isApiWrite(at('/api/visits/v1', { method: 'GET' }))).toBe(false);
    expect(isApiWrite(at('/login', { method: 'POST' }))).toBe(false);
    expect(isApiWrite(at('/api/visits/v1', { method: 'PUT', sameOrigin: false }))).toBe(false);
  });

  it('uses a kept answer when no change succeeded, and one from after the change', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:42:30.500Z') });
    await noteApiWrite({ response: new Response(null, { status: 500 }) });
    expect(scope.__grantsApiWriteAt).toBeUndefined();
    const before = kept('Thu, 03 Dec 2026 10:42:29 GMT');
    expect(await notOlderThanLastWrite({ cachedResponse: before })).toBe(before);
    await noteApiWrite({ response: new Response(null, { status: 204 }) });
    expect(scope.__grantsApiWriteAt).toBe(Date.parse('2026-12-03T10:42:30.500Z'));
    // from before the change: not used (the page waits for the network); from its second on: used
    expect(await notOlderThanLastWrite({ cachedResponse: before })).toBeNull();
    const after = kept('Thu, 03 Dec 2026 10:42:30 GMT');
    expect(await notOlderThanLastWrite({ cachedResponse: after })).toBe(after);
    // a minute on, the old copy serves again (offline, it is all there is)
    vi.setSystemTime(Date.parse('2026-12-03T10:42:30.500Z') + FRESH_AFTER_WRITE_MS + 1);
    expect(await notOlderThanLastWrite({ cachedResponse: before })).toBe(before);
    expect(await notOlderThanLastWrite({ cachedResponse: undefined })).toBeNull();
  });

  it('offline right after a change, the kept answer from before it is used (a reload still opens the form); on a slow network it is not', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:42:30.500Z') });
    await noteApiWrite({ response: new Response(null, { status: 204 }) });
    const before = kept('Thu, 03 Dec 2026 10:42:29 GMT');
    // slow network: the read did not fail, it is late
    expect(await notOlderThanLastWrite({ cachedResponse: before })).toBeNull();
    // the network refused the read: offline
    vi.setSystemTime(Date.parse('2026-12-03T10:42:40.000Z'));
    await noteReadFailed();
    expect(await notOlderThanLastWrite({ cachedResponse: before })).toBe(before);
    // a while after the failure (the network is back and only slow), the rule holds again
    vi.setSystemTime(Date.parse('2026-12-03T10:42:50.000Z'));
    expect(await notOlderThanLastWrite({ cachedResponse: before })).toBeNull();
  });
});
