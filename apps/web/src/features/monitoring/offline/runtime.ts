/**
 * One sync engine and one scheduler per signed-in user, shared by every screen that shows a visit draft (so two
 * components of one visit never run two syncs), and the pending form saves that must be written before the page
 * goes (a reload for a new version of the app, a tab closed).
 */
import { visitSyncApi } from './api-adapter';
import { draftStore, type DraftStore } from './draft-store';
import { createSyncEngine, createSyncScheduler, type SyncEngine, type SyncScheduler } from './sync';
import type { VisitSyncAdapter } from './types';

export type SyncRuntime = { store: DraftStore; engine: SyncEngine; scheduler: SyncScheduler };

const engines = new Map<VisitSyncAdapter, Map<DraftStore, SyncEngine>>();
const runtimes = new Map<string, SyncRuntime>();
let ids = new WeakMap<object, number>();
let nextId = 0;
const idOf = (o: object) => {
  if (!ids.has(o)) ids.set(o, ++nextId);
  return ids.get(o)!;
};

/** The runtime of a user (the app's store and API by default; tests give their own). */
export function syncRuntime(userId: string, adapter: VisitSyncAdapter = visitSyncApi, store: DraftStore = draftStore()): SyncRuntime {
  const key = `${userId}|${idOf(adapter)}|${idOf(store)}`;
  let r = runtimes.get(key);
  if (!r) {
    let byStore = engines.get(adapter);
    if (!byStore) engines.set(adapter, (byStore = new Map()));
    let engine = byStore.get(store);
    if (!engine) byStore.set(store, (engine = createSyncEngine({ store, adapter })));
    r = { store, engine, scheduler: createSyncScheduler({ engine, store, userId }) };
    runtimes.set(key, r);
  }
  return r;
}

/** Logout: no more retries for the user who left. */
export function disposeSyncRuntimes(): void {
  for (const r of runtimes.values()) r.scheduler.dispose();
  runtimes.clear();
  engines.clear();
  ids = new WeakMap();
}

const flushers = new Set<() => Promise<void>>();

/** A form's pending save, written by flushDrafts (useVisitDraft registers its own). */
export function registerFlusher(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Writes every form's pending save now (before a reload). */
export async function flushDrafts(): Promise<void> {
  await Promise.all([...flushers].map((f) => f().catch((e: unknown) => console.warn('a draft could not be saved', e))));
}
