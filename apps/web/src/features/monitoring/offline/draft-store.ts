/**
 * The phone's copy of visit reports, in IndexedDB (through `idb`): one draft per user and visit, its photos as
 * Blobs beside it. Every write is a read-modify-write in one transaction (`updateDraft`), so the form's saves and
 * the sync engine's bookkeeping never overwrite each other, and everything is written before any network call.
 * Keys start with the user id: a second user of the same phone never reads the first one's drafts.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DraftPhoto, VisitDraft } from './types';

export const OFFLINE_DB_NAME = 'grants-offline';
const DB_VERSION = 1;

interface OfflineDb extends DBSchema {
  drafts: { key: [string, string]; value: VisitDraft; indexes: { byUser: string } };
  photos: { key: [string, string, string]; value: DraftPhoto; indexes: { byVisit: [string, string]; byUser: string } };
}

/** Told after every write: which user's which visit changed (in this tab, and in the app's other tabs). */
export type DraftListener = (userId: string, visitId: string) => void;

export type DraftStore = {
  getDraft(userId: string, visitId: string): Promise<VisitDraft | undefined>;
  /**
   * Reads the draft and writes what `change` returns, in one transaction (`undefined`: leave it as it is).
   * `change` must be synchronous: a transaction ends at the first await of something else.
   */
  updateDraft(userId: string, visitId: string, change: (current: VisitDraft | undefined) => VisitDraft | undefined): Promise<VisitDraft | undefined>;
  /** The draft and its photos. */
  deleteDraft(userId: string, visitId: string): Promise<void>;
  listDrafts(userId: string): Promise<VisitDraft[]>;
  /** The visit's photos, oldest first (removed ones included: they may still have to be deleted on the server). */
  photos(userId: string, visitId: string): Promise<DraftPhoto[]>;
  putPhoto(photo: DraftPhoto): Promise<void>;
  updatePhoto(userId: string, visitId: string, clientKey: string, change: (current: DraftPhoto) => DraftPhoto): Promise<DraftPhoto | undefined>;
  deletePhoto(userId: string, visitId: string, clientKey: string): Promise<void>;
  /** Every draft and photo of one user (logout). */
  clearUser(userId: string): Promise<void>;
  subscribe(listener: DraftListener): () => void;
  close(): void;
};

const byCreated = (a: DraftPhoto, b: DraftPhoto) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

/** Opens (creating on first use) the offline database. Tests pass a name of their own. */
export function openDraftStore(name: string = OFFLINE_DB_NAME): DraftStore {
  let dbPromise: Promise<IDBPDatabase<OfflineDb>> | null = null;
  const db = () => {
    dbPromise ??= openDB<OfflineDb>(name, DB_VERSION, {
      upgrade(d) {
        const drafts = d.createObjectStore('drafts', { keyPath: ['userId', 'visitId'] });
        drafts.createIndex('byUser', 'userId');
        const photos = d.createObjectStore('photos', { keyPath: ['userId', 'visitId', 'clientKey'] });
        photos.createIndex('byVisit', ['userId', 'visitId']);
        photos.createIndex('byUser', 'userId');
      },
      // another tab opened a newer version: let it, this tab reopens on its next call
      blocking() {
        void dbPromise?.then((x) => x.close());
        dbPromise = null;
      },
    });
    return dbPromise;
  };

  const listeners = new Set<DraftListener>();
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`${name}:changes`) : null;
  if (channel) {
    channel.onmessage = (e: MessageEvent<{ userId: string; visitId: string }>) => {
      for (const l of listeners) l(e.data.userId, e.data.visitId);
    };
  }
  const changed = (userId: string, visitId: string) => {
    for (const l of listeners) l(userId, visitId);
    channel?.postMessage({ userId, visitId });
  };

  return {
    async getDraft(userId, visitId) {
      return (await db()).get('drafts', [userId, visitId]);
    },
    async updateDraft(userId, visitId, change) {
      const tx = (await db()).transaction('drafts', 'readwrite');
      const current = await tx.store.get([userId, visitId]);
      const next = change(current);
      if (next) {
        if (next.userId !== userId || next.visitId !== visitId) throw new Error('a draft keeps its user and visit');
        await tx.store.put(next);
      }
      await tx.done;
      if (next) changed(userId, visitId);
      return next ?? current;
    },
    async deleteDraft(userId, visitId) {
      const tx = (await db()).transaction(['drafts', 'photos'], 'readwrite');
      await tx.objectStore('drafts').delete([userId, visitId]);
      const photos = tx.objectStore('photos');
      for (const key of await photos.index('byVisit').getAllKeys([userId, visitId])) await photos.delete(key);
      await tx.done;
      changed(userId, visitId);
    },
    async listDrafts(userId) {
      return (await db()).getAllFromIndex('drafts', 'byUser', userId);
    },
    async photos(userId, visitId) {
      return (await (await db()).getAllFromIndex('photos', 'byVisit', [userId, visitId])).sort(byCreated);
    },
    async putPhoto(photo) {
      await (await db()).put('photos', photo);
      changed(photo.userId, photo.visitId);
    },
    async updatePhoto(userId, visitId, clientKey, change) {
      const tx = (await db()).transaction('photos', 'readwrite');
      const current = await tx.store.get([userId, visitId, clientKey]);
      const next = current ? change(current) : undefined;
      if (next) await tx.store.put(next);
      await tx.done;
      if (next) changed(userId, visitId);
      return next;
    },
    async deletePhoto(userId, visitId, clientKey) {
      await (await db()).delete('photos', [userId, visitId, clientKey]);
      changed(userId, visitId);
    },
    async clearUser(userId) {
      const tx = (await db()).transaction(['drafts', 'photos'], 'readwrite');
      const drafts = tx.objectStore('drafts');
      const visits = (await drafts.index('byUser').getAll(userId)).map((d) => d.visitId);
      for (const key of await drafts.index('byUser').getAllKeys(userId)) await drafts.delete(key);
      const photos = tx.objectStore('photos');
      for (const key of await photos.index('byUser').getAllKeys(userId)) await photos.delete(key);
      await tx.done;
      for (const v of visits) changed(userId, v);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      channel?.close();
      void dbPromise?.then((x) => x.close());
      dbPromise = null;
    },
  };
}

let shared: DraftStore | null = null;
/** The app's one store (the screens and the sync engine share it). */
export function draftStore(): DraftStore {
  shared ??= openDraftStore();
  return shared;
}
