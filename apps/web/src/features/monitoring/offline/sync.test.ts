import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/errors';
import { applyEdit, changedFields, newPhoto, reconcile, serverCopyOf, syncStateOf } from './draft-model';
import { openDraftStore, type DraftStore } from './draft-store';
import { classifySyncError, createSyncEngine, createSyncScheduler, retryDelayMs } from './sync';
import { content, fakeServer, VISIT_ID, type FakeServer } from './test-fakes';

// jsdom's Blob does not survive IndexedDB's structured clone (fake-indexeddb); Node's does, as a browser's does
const photoBlob = (bytes = 3) => new NodeBlob([new Uint8Array(bytes).fill(7)], { type: 'image/jpeg' }) as unknown as Blob;
const USER = 'monitor-1';
let n = 0;
let store: DraftStore;
let server: FakeServer;
const now = () => new Date('2026-12-03T10:42:00Z');

/** The phone opened the visit (online) and the monitor then typed: rating 2 with its reasons, one action point. */
async function openAndEdit() {
  await store.updateDraft(USER, VISIT_ID, (d) => reconcile(d, USER, VISIT_ID, serverCopyOf(server.visit().report!, now()), now()));
  return store.updateDraft(USER, VISIT_ID, (d) =>
    applyEdit(d!, {
      content: content({ rating: 2, ratingReasons: 'Staff left', correctiveActions: 'Hire a psychologist' }),
      actionPoints: [{ key: 'k1', what: 'Hire a psychologist', owner: 'organisation', priority: 'high', dueDate: '2027-01-15' }],
    }, now()),
  );
}

beforeEach(() => {
  store = openDraftStore(`sync-test-${++n}`);
  server = fakeServer();
});
afterEach(() => store.close());

describe('sync engine', () => {
  it('offline: everything stays on the phone, waiting', async () => {
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    await openAndEdit();
    await store.putPhoto(newPhoto(USER, VISIT_ID, photoBlob(), 'Kitchen', now(), 'c1'));
    server.offline = true;
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'offline' });
    const d = (await store.getDraft(USER, VISIT_ID))!;
    expect(syncStateOf(d, await store.photos(USER, VISIT_ID), false)).toBe('device_only');
    expect(changedFields(d)).toEqual(['rating', 'ratingReasons', 'correctiveActions', 'actionPoints.k1']);
    expect(d.failures).toBe(1);
    expect(server.version).toBe(1);
    expect(server.photos).toEqual([]);
  });

  it('online: the photos are uploaded once, then the report is saved once at its version', async () => {
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    await openAndEdit();
    await store.putPhoto(newPhoto(USER, VISIT_ID, photoBlob(), 'Kitchen', now(), 'c1'));
    await store.putPhoto(newPhoto(USER, VISIT_ID, photoBlob(), 'Classroom', new Date(now().getTime() + 1000), 'c2'));
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'saved', version: 2 });
    expect(server.calls.uploadPhoto).toEqual(['c1', 'c2']);
    expect(server.calls.saveReport).toEqual([1]);
    expect(server.content.rating).toBe(2);
    expect(server.points).toEqual([{ id: 'ap-1', what: 'Hire a psychologist', owner: 'organisation', priority: 'high', dueDate: '2027-01-15' }]);
    const d = (await store.getDraft(USER, VISIT_ID))!;
    const photos = await store.photos(USER, VISIT_ID);
    expect(syncStateOf(d, photos, false)).toBe('on_server');
    expect(d.baseVersion).toBe(2);
    expect(d.savedOnServerAt).toBe('2026-12-03T10:42:00.000Z');
    expect(d.actionPoints).toEqual([{ key: 'k1', id: 'ap-1', what: 'Hire a psychologist', owner: 'organisation', priority: 'high', dueDate: '2027-01-15' }]);
    expect(photos.map((p) => [p.clientKey, p.uploaded, p.serverId])).toEqual([['c1', true, 'photo-1'], ['c2', true, 'photo-2']]);
    // nothing left: a second sync sends nothing
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'nothing' });
    expect(server.calls.uploadPhoto).toHaveLength(2);
    expect(server.calls.saveReport).toHaveLength(1);
    // the next save keeps the action point's id (no duplicate)
    await store.updateDraft(USER, VISIT_ID, (x) => applyEdit(x!, { content: content({ rating: 2, ratingReasons: 'Staff left', correctiveActions: 'Hire', findings: 'Better' }), actionPoints: [{ key: 'k1', what: 'Hire a psychologist', owner: 'organisation', priority: 'high', dueDate: '2027-01-15' }] }, now()));
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'saved', version: 3 });
    expect(server.points.map((p) => p.id)).toEqual(['ap-1']);
  });

  it('a retry after a network error does not upload a photo twice (the answer lost, then another photo failing)', async () => {
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    await openAndEdit();
    await store.putPhoto(newPhoto(USER, VISIT_ID, photoBlob(), 'Kitchen', now(), 'c1'));
    await store.putPhoto(newPhoto(USER, VISIT_ID, photoBlob(), null, new Date(now().getTime() + 1000), 'c2'));
    server.loseNextUploadAnswer = true; // c1 stored on the server, its answer never reaches the phone
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'offline' });
    expect(server.photos.map((p) => p.clientKey)).toEqual(['c1']);
    server.cut('saveReport'); // the photos go through, the report's PUT is cut
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'offline' });
    expect(server.version).toBe(1);
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'saved', version: 2 });
    // the server holds each photo once; c1 was sent again (same key, same photo answered), c2 once, and not again after
    expect(server.photos.map((p) => p.clientKey)).toEqual(['c1', 'c2']);
    expect(server.calls.uploadPhoto).toEqual(['c1', 'c1', 'c2']);
    expect(server.calls.saveReport).toEqual([1]);
    expect((await store.getDraft(USER, VISIT_ID))!.failures).toBe(0);
  });

  it('409: a conflict, both copies kept; nothing written on the server', async () => {
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    await openAndEdit();
    server.editElsewhere({ findings: 'Written at the office' });
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'conflict' });
    expect(server.calls.getVisit).toBe(1);
    const d = (await store.getDraft(USER, VISIT_ID))!;
    expect(syncStateOf(d, [], false)).toBe('conflict');
    expect(d.content.rating).toBe(2); // mine
    expect(d.content.findings).toBe('The shelter runs as planned.');
    expect(d.conflict?.server.version).toBe(2); // theirs
    expect(d.conflict?.server.content.findings).toBe('Written at the office');
    expect(server.content.findings).toBe('Written at the office');
    expect(server.content.rating).toBe(1);
    // while in conflict nothing is sent
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'conflict' });
    expect(server.calls.saveReport).toEqual([1]);
  });

  it('keep mine: the device copy is saved on top of the server’s current version', async () => {
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    await openAndEdit();
    server.editElsewhere({ findings: 'Written at the office' });
    await engine.syncVisit(USER, VISIT_ID);
    expect(await engine.keepMine(USER, VISIT_ID)).toEqual({ kind: 'saved', version: 3 });
    expect(server.calls.saveReport).toEqual([1, 2]);
    expect(server.content.rating).toBe(2);
    expect(server.content.findings).toBe('The shelter runs as planned.');
    const d = (await store.getDraft(USER, VISIT_ID))!;
    expect(d.conflict).toBeNull();
    expect(syncStateOf(d, [], false)).toBe('on_server');
  });

  it('take the server’s: the device copy becomes the server copy and is not sent again; photos went first anyway', async () => {
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    await openAndEdit();
    await store.putPhoto(newPhoto(USER, VISIT_ID, photoBlob(), 'Kitchen', now(), 'c1'));
    server.cut('uploadPhoto');
    await engine.syncVisit(USER, VISIT_ID); // offline at the photo
    server.editElsewhere({ findings: 'Written at the office' });
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'conflict' }); // the photo went up before the report's 409
    expect(server.photos.map((p) => p.clientKey)).toEqual(['c1']);
    expect(await engine.takeServer(USER, VISIT_ID)).toEqual({ kind: 'nothing' });
    const d = (await store.getDraft(USER, VISIT_ID))!;
    expect(d.content.findings).toBe('Written at the office');
    expect(d.content.rating).toBe(1);
    expect(d.actionPoints).toEqual([]);
    expect(d.baseVersion).toBe(2);
    expect(server.calls.saveReport).toEqual([1]); // the server copy was not written again
    expect(server.photos.map((p) => p.clientKey)).toEqual(['c1']);
    expect(syncStateOf(d, await store.photos(USER, VISIT_ID), false)).toBe('on_server');
  });

  it('a validation refusal keeps everything waiting, with the reason to show', async () => {
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    await openAndEdit();
    server.refuse('saveReport', new ApiError(400, 'invalid_report', 'The report cannot be saved', [{ field: 'content.peopleMet.0.count', code: 'not_positive_integer', message: '' }]));
    const outcome = await engine.syncVisit(USER, VISIT_ID);
    expect(outcome).toMatchObject({ kind: 'rejected', problem: { code: 'invalid_report', statusCode: 400 } });
    const d = (await store.getDraft(USER, VISIT_ID))!;
    expect(syncStateOf(d, [], false)).toBe('error');
    expect(d.problem?.details[0].field).toBe('content.peopleMet.0.count');
    expect(changedFields(d).length).toBeGreaterThan(0);
    expect(server.content.rating).toBe(1);
    // fixed and sent again: on the server, the reason gone
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'saved', version: 2 });
    expect((await store.getDraft(USER, VISIT_ID))!.problem).toBeNull();
  });

  it('a refused photo is marked and does not stop the report', async () => {
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    await openAndEdit();
    await store.putPhoto(newPhoto(USER, VISIT_ID, photoBlob(), 'Kitchen', now(), 'c1'));
    server.refuse('uploadPhoto', new ApiError(422, 'photo_rejected', 'Upload a photo: JPEG, PNG or WebP', [{ field: 'file', code: 'not_an_image', message: '' }]));
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'saved', version: 2 });
    const photos = await store.photos(USER, VISIT_ID);
    expect(photos[0]).toMatchObject({ uploaded: false, problem: { code: 'photo_rejected' } });
    expect(syncStateOf((await store.getDraft(USER, VISIT_ID))!, photos, false)).toBe('error');
  });

  it('an edit typed while the save travelled is still waiting afterwards', async () => {
    let release: () => void = () => {};
    const slow = { ...server, saveReport: async (...args: Parameters<FakeServer['saveReport']>) => { await new Promise<void>((r) => (release = r)); return server.saveReport(...args); } };
    const engine = createSyncEngine({ store, adapter: slow, now, locks: null });
    await openAndEdit();
    const pending = engine.syncVisit(USER, VISIT_ID);
    await vi.waitFor(() => expect(engine.isSyncing(USER, VISIT_ID)).toBe(true));
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'busy' }); // never two at once
    await new Promise((r) => setTimeout(r, 20));
    await store.updateDraft(USER, VISIT_ID, (d) => applyEdit(d!, { content: { ...d!.content, recommendations: 'Keep the logbook' } }, now()));
    release();
    expect(await pending).toEqual({ kind: 'saved', version: 2 });
    const d = (await store.getDraft(USER, VISIT_ID))!;
    expect(d.content.recommendations).toBe('Keep the logbook');
    expect(changedFields(d)).toEqual(['recommendations']);
    expect(syncStateOf(d, [], false)).toBe('device_only');
  });

  it('uses the Web Locks API: a visit locked by another tab is not synced here', async () => {
    const held = new Set<string>();
    const locks = {
      request: async (name: string, _o: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<unknown>) => {
        if (held.has(name)) return cb(null);
        return cb({ name });
      },
    };
    const engine = createSyncEngine({ store, adapter: server, now, locks });
    await openAndEdit();
    held.add(`grants-visit-sync:${USER}:${VISIT_ID}`);
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'busy' });
    expect(server.calls.saveReport).toEqual([]);
    held.clear();
    expect(await engine.syncVisit(USER, VISIT_ID)).toEqual({ kind: 'saved', version: 2 });
  });
});

describe('sync scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('waits while offline, syncs when the online event comes, and retries a failure with a growing wait', async () => {
    const events = new EventTarget();
    let online = false;
    const engine = createSyncEngine({ store, adapter: server, now, locks: null });
    const scheduler = createSyncScheduler({ engine, store, userId: USER, isOnline: () => online, events: events as unknown as Window, random: () => 0 });
    await openAndEdit();
    scheduler.request(VISIT_ID);
    await new Promise((r) => setTimeout(r, 30));
    expect(server.calls.saveReport).toEqual([]);
    online = true;
    server.cut('saveReport');
    events.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(server.calls.saveReport).toEqual([]));
    await vi.waitFor(async () => expect((await store.getDraft(USER, VISIT_ID))!.failures).toBe(1));
    // the retry comes by itself after ~2 s
    await vi.waitFor(() => expect(server.version).toBe(2), { timeout: 5000 });
    expect(server.calls.saveReport).toEqual([1]);
    scheduler.dispose();
  });

  it('retryDelayMs doubles from 2 s to at most 5 minutes', () => {
    expect([1, 2, 3, 4, 20].map((f) => retryDelayMs(f, () => 0))).toEqual([2000, 4000, 8000, 16000, 300000]);
    expect(retryDelayMs(1, () => 1)).toBe(2400);
  });

  it('classifies the API’s answers', () => {
    expect(classifySyncError(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(classifySyncError(new ApiError(503, 'server', 'down'))).toEqual({ kind: 'network' });
    expect(classifySyncError(new ApiError(409, 'version_conflict', 'changed'))).toEqual({ kind: 'stale' });
    expect(classifySyncError(new ApiError(409, 'not_editable', 'submitted'))).toMatchObject({ kind: 'rejected', problem: { code: 'not_editable' } });
    expect(classifySyncError(new ApiError(401, 'unauthenticated', 'no session'))).toMatchObject({ kind: 'rejected', problem: { code: 'unauthorized' } });
  });
});
