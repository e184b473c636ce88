import { describe, expect, it } from 'vitest';
import { isOfflineRead, keepOnlyJson } from './cache-rules';

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
