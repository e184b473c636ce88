import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_CACHE_NAME } from './cache-rules';
import { clearOfflineData, LAST_USER_KEY, noteSignedInUser, offlineWorkWaiting } from './clear';
import { applyEdit, changedFields, newPhoto, reconcile, serverCopyOf } from './draft-model';
import { openDraftStore, type DraftStore } from './draft-store';
import { content, fakeServer, VISIT_ID } from './test-fakes';

const photoBlob = () => new NodeBlob([new Uint8Array([255, 216, 255, 1, 2, 3])], { type: 'image/jpeg' }) as unknown as Blob;
const now = new Date('2026-12-03T10:42:00Z');
let n = 0;
const opened: DraftStore[] = [];
const open = (name: string) => {
  const s = openDraftStore(name);
  opened.push(s);
  return s;
};
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function edit(store: DraftStore, userId: string, findings: string) {
  const server = fakeServer();
  await store.updateDraft(userId, VISIT_ID, (d) => reconcile(d, userId, VISIT_ID, serverCopyOf(server.visit().report!, now), now));
  await store.updateDraft(userId, VISIT_ID, (d) => applyEdit(d!, { content: content({ findings }) }, now));
  await store.putPhoto(newPhoto(userId, VISIT_ID, photoBlob(), 'Kitchen', now, `${userId}-photo`));
}

describe('draft store (IndexedDB)', () => {
  it('keeps the draft and its photo across a reload (a new connection to the same database)', async () => {
    const name = `store-test-${++n}`;
    const first = open(name);
    await edit(first, 'u1', 'Written offline');
    first.close();
    const second = open(name); // the page reloaded, still offline
    const d = await second.getDraft('u1', VISIT_ID);
    expect(d?.content.findings).toBe('Written offline');
    expect(d && changedFields(d)).toEqual(['findings']);
    const [photo] = await second.photos('u1', VISIT_ID);
    expect(photo).toMatchObject({ clientKey: 'u1-photo', caption: 'Kitchen', uploaded: false, serverId: null });
    expect(photo.blob.size).toBe(6);
    expect(photo.blob.type).toBe('image/jpeg');
    expect(new Uint8Array(await photo.blob.arrayBuffer())[0]).toBe(255);
  });

  it('keeps each user’s drafts apart: another user of the same phone never reads them', async () => {
    const store = open(`store-test-${++n}`);
    await edit(store, 'u1', 'Monitor one');
    await edit(store, 'u2', 'Monitor two');
    expect((await store.getDraft('u1', VISIT_ID))?.content.findings).toBe('Monitor one');
    expect((await store.getDraft('u2', VISIT_ID))?.content.findings).toBe('Monitor two');
    expect((await store.listDrafts('u2')).map((d) => d.userId)).toEqual(['u2']);
    expect((await store.photos('u2', VISIT_ID)).map((p) => p.clientKey)).toEqual(['u2-photo']);
    expect(await store.getDraft('u3', VISIT_ID)).toBeUndefined();
  });

  it('tells its subscribers what changed', async () => {
    const store = open(`store-test-${++n}`);
    const heard = vi.fn();
    const stop = store.subscribe(heard);
    await edit(store, 'u1', 'x');
    expect(heard).toHaveBeenCalledWith('u1', VISIT_ID);
    stop();
  });

  it('discards one draft with its photos', async () => {
    const store = open(`store-test-${++n}`);
    await edit(store, 'u1', 'x');
    await store.deleteDraft('u1', VISIT_ID);
    expect(await store.getDraft('u1', VISIT_ID)).toBeUndefined();
    expect(await store.photos('u1', VISIT_ID)).toEqual([]);
  });
});

describe('clearOfflineData (logout) and noteSignedInUser (login)', () => {
  const memoryStorage = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
  };

  it('logout removes the kept API answers and that user’s drafts and photos, not another user’s', async () => {
    const store = open(`store-test-${++n}`);
    await edit(store, 'u1', 'Monitor one');
    await edit(store, 'u2', 'Monitor two');
    const caches = { delete: vi.fn(async () => true) };
    const storage = memoryStorage();
    await noteSignedInUser('u1', { caches, storage });
    expect(await offlineWorkWaiting('u1', { store })).toBe(1); // what the logout button can warn about
    await clearOfflineData(undefined, { store, caches, storage }); // the last user seen: u1
    expect(await offlineWorkWaiting('u1', { store })).toBe(0);
    expect(caches.delete).toHaveBeenCalledWith(API_CACHE_NAME);
    expect(await store.getDraft('u1', VISIT_ID)).toBeUndefined();
    expect(await store.photos('u1', VISIT_ID)).toEqual([]);
    expect(await store.listDrafts('u1')).toEqual([]);
    expect((await store.getDraft('u2', VISIT_ID))?.content.findings).toBe('Monitor two');
    expect(storage.getItem(LAST_USER_KEY)).toBeNull();
  });

  it('never fails a logout because storage failed', async () => {
    const broken = { clearUser: vi.fn(async () => { throw new Error('quota'); }) } as unknown as DraftStore;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(clearOfflineData('u1', { store: broken, caches: { delete: async () => { throw new Error('no caches'); } }, storage: null })).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('a different user signing in drops the previous user’s kept API answers; the same user keeps them', async () => {
    const caches = { delete: vi.fn(async () => true) };
    const storage = memoryStorage();
    await noteSignedInUser('u1', { caches, storage });
    expect(caches.delete).toHaveBeenCalledTimes(1);
    await noteSignedInUser('u1', { caches, storage });
    expect(caches.delete).toHaveBeenCalledTimes(1);
    await noteSignedInUser('u2', { caches, storage });
    expect(caches.delete).toHaveBeenCalledTimes(2);
    expect(storage.getItem(LAST_USER_KEY)).toBe('u2');
  });

  it('reads who signed in once through the service worker after login, so a reload offline still knows them; a failed read never breaks login', async () => {
    const seen: string[] = [];
    const fetch = vi.fn(async (url: string | URL | Request) => { seen.push(String(url)); return new Response('{}', { headers: { 'content-type': 'application/json' } }); });
    await noteSignedInUser('u1', { caches: { delete: async () => true }, storage: memoryStorage(), fetch: fetch as unknown as typeof globalThis.fetch });
    expect(seen).toEqual(['/api/auth/me']);
    const offline = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    await expect(noteSignedInUser('u2', { caches: { delete: async () => true }, storage: memoryStorage(), fetch: offline as unknown as typeof globalThis.fetch })).resolves.toBeUndefined();
    expect(offline).toHaveBeenCalledTimes(1);
  });
});
