/**
 * The sync engine of the offline visit report: sends what the phone holds to the API, photos first, then the
 * report at the version it was edited from.
 *
 * - Photos are idempotent by their clientKey (the server answers the same photo for the same key), so a retry after
 *   a lost answer never stores one twice.
 * - Everything is in the store before the network is asked, and the store is updated after each answer: a tab
 *   closed mid-sync loses nothing (the next sync starts where this one stopped).
 * - A 409 (the report changed elsewhere) keeps the device copy, reads the server copy and marks a conflict; the
 *   monitor chooses (keepMine / takeServer). Nothing is overwritten silently.
 * - A network error (or 5xx, 408, 429) leaves everything waiting, to be retried (createSyncScheduler backs off).
 * - Another refusal (4xx: a validation, a report submitted meanwhile, signed out) keeps it waiting with the reason.
 * - Never two syncs of one visit at once: a lock in memory, and the Web Locks API across the app's tabs.
 */
import { actionPointsToSend, isDirty, keepMine as keepMineRule, serverCopyOf, takeServer as takeServerRule } from './draft-model';
import type { DraftStore } from './draft-store';
import type { DraftActionPoint, SyncProblem, VisitDraft, VisitSyncAdapter } from './types';

export type SyncOutcome =
  /** the report (and/or photos) reached the server; `version` is the report's version there now */
  | { kind: 'saved'; version: number }
  /** nothing was waiting */
  | { kind: 'nothing' }
  /** no network (or the server is failing): everything stays waiting */
  | { kind: 'offline' }
  | { kind: 'conflict' }
  | { kind: 'rejected'; problem: SyncProblem }
  /** a sync of this visit is running (here or in another tab) */
  | { kind: 'busy' }
  | { kind: 'missing' };

type Classified = { kind: 'network' } | { kind: 'stale' } | { kind: 'rejected'; problem: SyncProblem };

const STALE_CODES = new Set(['stale_version', 'version_conflict']);

/** What an error of the adapter means for the sync (an ApiError of api/errors.ts, or a fetch failure). */
export function classifySyncError(e: unknown): Classified {
  const err = e as { statusCode?: unknown; code?: unknown; message?: unknown; details?: unknown };
  if (!e || typeof err.statusCode !== 'number') return { kind: 'network' };
  const statusCode = err.statusCode;
  const code = typeof err.code === 'string' ? err.code : 'unknown';
  const details = Array.isArray(err.details) ? (err.details as SyncProblem['details']) : [];
  if (statusCode === 409 && (STALE_CODES.has(code) || details.some((d) => STALE_CODES.has(d.code)))) return { kind: 'stale' };
  if (statusCode >= 500 || statusCode === 408 || statusCode === 429 || statusCode === 0) return { kind: 'network' };
  return { kind: 'rejected', problem: { code: statusCode === 401 ? 'unauthorized' : code, statusCode, message: typeof err.message === 'string' ? err.message : '', details } };
}

type LockManagerLike = { request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<unknown>): Promise<unknown> };

export type SyncEngineOptions = {
  store: DraftStore;
  adapter: VisitSyncAdapter;
  now?: () => Date;
  /** the Web Locks API (navigator.locks where the browser has it); null for none */
  locks?: LockManagerLike | null;
};

export type SyncEngine = {
  /** Sends what is waiting of one visit. Resolves with what happened; never throws for an answer of the API. */
  syncVisit(userId: string, visitId: string): Promise<SyncOutcome>;
  /** Conflict: save the device copy on top of the server's current version (then syncs). */
  keepMine(userId: string, visitId: string): Promise<SyncOutcome>;
  /** Conflict: drop the device's edits for the server copy (photos not yet sent still go). */
  takeServer(userId: string, visitId: string): Promise<SyncOutcome>;
  isSyncing(userId: string, visitId: string): boolean;
  /** Told when a sync of a visit starts or ends. */
  subscribe(listener: (userId: string, visitId: string, syncing: boolean) => void): () => void;
};

const defaultLocks = (): LockManagerLike | null => (typeof navigator !== 'undefined' && 'locks' in navigator ? (navigator.locks as unknown as LockManagerLike) : null);

export function createSyncEngine({ store, adapter, now = () => new Date(), locks = defaultLocks() }: SyncEngineOptions): SyncEngine {
  const running = new Set<string>();
  const listeners = new Set<(userId: string, visitId: string, syncing: boolean) => void>();
  const tell = (userId: string, visitId: string, syncing: boolean) => listeners.forEach((l) => l(userId, visitId, syncing));

  const failed = (userId: string, visitId: string) =>
    store.updateDraft(userId, visitId, (d) => (d ? { ...d, failures: d.failures + 1 } : undefined));
  const refused = (userId: string, visitId: string, problem: SyncProblem) =>
    store.updateDraft(userId, visitId, (d) => (d ? { ...d, problem, failures: 0 } : undefined));

  /** Ids the server gave the new action points (those sent without one), onto the phone's points by their key. */
  const withNewIds = (d: VisitDraft, sent: DraftActionPoint[], answered: readonly { id: string }[]): DraftActionPoint[] => {
    const sentIds = new Set(sent.filter((p) => p.id).map((p) => p.id));
    const fresh = answered.filter((p) => !sentIds.has(p.id)).map((p) => p.id);
    const newKeys = sent.filter((p) => !p.id).map((p) => p.key);
    const idOfKey = new Map(newKeys.map((k, i) => [k, fresh[i]] as const).filter((e): e is readonly [string, string] => !!e[1]));
    return d.actionPoints.map((p) => (!p.id && idOfKey.has(p.key) ? { ...p, id: idOfKey.get(p.key) } : p));
  };

  async function run(userId: string, visitId: string): Promise<SyncOutcome> {
    const start = await store.getDraft(userId, visitId);
    if (!start) return { kind: 'missing' };
    if (start.conflict) return { kind: 'conflict' };
    let sentSomething = false;

    // 1. photos (idempotent by clientKey), oldest first
    for (const photo of await store.photos(userId, visitId)) {
      if (photo.removed || photo.uploaded || photo.problem) continue;
      try {
        const answer = await adapter.uploadPhoto(visitId, photo.clientKey, photo.blob, photo.caption);
        await store.updatePhoto(userId, visitId, photo.clientKey, (p) => ({ ...p, uploaded: true, serverId: answer.id, problem: null }));
        sentSomething = true;
      } catch (e) {
        const c = classifySyncError(e);
        if (c.kind === 'rejected' && c.problem.statusCode !== 401 && c.problem.statusCode !== 404 && c.problem.code !== 'not_editable') {
          // this photo is refused (too large, not an image): the others and the report still go
          await store.updatePhoto(userId, visitId, photo.clientKey, (p) => ({ ...p, problem: c.problem }));
          continue;
        }
        if (c.kind === 'rejected') {
          await refused(userId, visitId, c.problem);
          return { kind: 'rejected', problem: c.problem };
        }
        await failed(userId, visitId);
        return { kind: 'offline' };
      }
    }

    // 2. photos removed on the phone after they were uploaded
    for (const photo of await store.photos(userId, visitId)) {
      if (!photo.removed) continue;
      if (!photo.uploaded || !photo.serverId) {
        await store.deletePhoto(userId, visitId, photo.clientKey);
        continue;
      }
      if (!adapter.deletePhoto) continue;
      try {
        await adapter.deletePhoto(visitId, photo.serverId);
        await store.deletePhoto(userId, visitId, photo.clientKey);
        sentSomething = true;
      } catch (e) {
        const c = classifySyncError(e);
        if (c.kind === 'rejected' && c.problem.statusCode === 404) {
          await store.deletePhoto(userId, visitId, photo.clientKey); // gone already
          continue;
        }
        if (c.kind === 'rejected') {
          await refused(userId, visitId, c.problem);
          return { kind: 'rejected', problem: c.problem };
        }
        await failed(userId, visitId);
        return { kind: 'offline' };
      }
    }

    // 3. the report, at the version it was edited from
    const d = await store.getDraft(userId, visitId);
    if (!d) return { kind: 'missing' };
    if (!isDirty(d)) {
      if (!sentSomething) return { kind: 'nothing' };
      await store.updateDraft(userId, visitId, (x) => (x ? { ...x, savedOnServerAt: now().toISOString(), failures: 0 } : undefined));
      return { kind: 'saved', version: d.baseVersion };
    }
    const sentRevision = d.revision;
    const sentPoints = d.actionPoints;
    try {
      const visit = await adapter.saveReport(visitId, d.baseVersion, d.content, actionPointsToSend(sentPoints));
      if (!visit.report) throw new Error('the API answered a visit without its report');
      const copy = serverCopyOf(visit.report, now());
      await store.updateDraft(userId, visitId, (x) =>
        x
          ? {
              ...x,
              actionPoints: withNewIds(x, sentPoints, visit.report!.actionPoints),
              baseVersion: copy.version,
              server: copy,
              // an edit typed while this save travelled is still waiting
              syncedRevision: sentRevision,
              savedOnServerAt: now().toISOString(),
              problem: null,
              failures: 0,
            }
          : undefined,
      );
      return { kind: 'saved', version: copy.version };
    } catch (e) {
      const c = classifySyncError(e);
      if (c.kind === 'network') {
        await failed(userId, visitId);
        return { kind: 'offline' };
      }
      if (c.kind === 'rejected') {
        await refused(userId, visitId, c.problem);
        return { kind: 'rejected', problem: c.problem };
      }
      // 409: keep the device copy, read the server's, let the monitor choose
      let server;
      try {
        server = await adapter.getVisit(visitId);
      } catch (e2) {
        const c2 = classifySyncError(e2);
        if (c2.kind === 'rejected') {
          await refused(userId, visitId, c2.problem);
          return { kind: 'rejected', problem: c2.problem };
        }
        await failed(userId, visitId);
        return { kind: 'offline' };
      }
      if (!server.report) return { kind: 'offline' };
      const copy = serverCopyOf(server.report, now());
      await store.updateDraft(userId, visitId, (x) => (x ? { ...x, conflict: { server: copy, detectedAt: now().toISOString() }, failures: 0 } : undefined));
      return { kind: 'conflict' };
    }
  }

  async function syncVisit(userId: string, visitId: string): Promise<SyncOutcome> {
    const key = `${userId}:${visitId}`;
    if (running.has(key)) return { kind: 'busy' };
    running.add(key);
    tell(userId, visitId, true);
    try {
      if (!locks) return await run(userId, visitId);
      let outcome: SyncOutcome = { kind: 'busy' };
      await locks.request(`grants-visit-sync:${key}`, { ifAvailable: true }, async (lock) => {
        if (lock) outcome = await run(userId, visitId);
      });
      return outcome;
    } finally {
      running.delete(key);
      tell(userId, visitId, false);
    }
  }

  return {
    syncVisit,
    async keepMine(userId, visitId) {
      await store.updateDraft(userId, visitId, (d) => (d?.conflict ? keepMineRule(d, now()) : undefined));
      return syncVisit(userId, visitId);
    },
    async takeServer(userId, visitId) {
      await store.updateDraft(userId, visitId, (d) => (d ? takeServerRule(d, now()) : undefined));
      return syncVisit(userId, visitId);
    },
    isSyncing: (userId, visitId) => running.has(`${userId}:${visitId}`),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The wait before retry n (1, 2, …) after a network failure: 2 s doubling to 5 min, with up to 20 % jitter. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(5 * 60_000, 2000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 + 0.2 * random()));
}

export type SyncScheduler = {
  /** Sync this visit soon (after `delayMs`; at once when 0), when online. */
  request(visitId: string, delayMs?: number): void;
  /** Every draft of the user with something waiting (the network came back). */
  syncAll(): Promise<void>;
  dispose(): void;
};

export type SchedulerOptions = {
  engine: SyncEngine;
  store: DraftStore;
  userId: string;
  isOnline?: () => boolean;
  /** where the `online` event comes from (window) */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  random?: () => number;
};

/**
 * When to sync: soon after an edit while online, at once when the network comes back (the `online` event), and
 * after a network failure again and again with a growing wait (retryDelayMs). A refusal or a conflict waits for the
 * monitor (an edit, syncNow, keepMine / takeServer).
 */
export function createSyncScheduler({
  engine,
  store,
  userId,
  isOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false,
  events = typeof window !== 'undefined' ? window : null,
  random,
}: SchedulerOptions): SyncScheduler {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let disposed = false;

  const schedule = (visitId: string, delayMs: number) => {
    if (disposed) return;
    const old = timers.get(visitId);
    if (old) clearTimeout(old);
    timers.set(
      visitId,
      setTimeout(() => {
        timers.delete(visitId);
        void attempt(visitId);
      }, delayMs),
    );
  };

  async function attempt(visitId: string) {
    if (disposed || !isOnline()) return; // the online event brings it back
    const outcome = await engine.syncVisit(userId, visitId);
    if (disposed) return;
    if (outcome.kind === 'offline') {
      const d = await store.getDraft(userId, visitId);
      schedule(visitId, retryDelayMs(d?.failures ?? 1, random));
    } else if (outcome.kind === 'busy') {
      schedule(visitId, 2000);
    } else if (outcome.kind === 'saved') {
      const d = await store.getDraft(userId, visitId);
      if (d && isDirty(d)) schedule(visitId, 0); // typed while it was being saved
    }
  }

  async function syncAll() {
    const drafts = await store.listDrafts(userId);
    const photos = await Promise.all(drafts.map((d) => store.photos(userId, d.visitId)));
    await Promise.all(
      drafts
        .filter((d, i) => !d.conflict && (isDirty(d) || photos[i].some((p) => (!p.uploaded && !p.removed && !p.problem) || (p.removed && p.uploaded))))
        .map((d) => attempt(d.visitId)),
    );
  }

  const onOnline = () => void syncAll();
  events?.addEventListener('online', onOnline);

  return {
    request(visitId, delayMs = 0) {
      schedule(visitId, delayMs);
    },
    syncAll,
    dispose() {
      disposed = true;
      events?.removeEventListener('online', onOnline);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
