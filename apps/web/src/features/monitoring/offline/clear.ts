/**
 * Privacy of the phone's copies (the reports are about services to victims of trafficking): on logout the API
 * answers the service worker kept and that user's drafts and photos are removed; when someone else signs in on the
 * same browser, the kept API answers of the previous user go (drafts are keyed by user, never shown to another).
 */
import { API_CACHE_NAME } from './cache-rules';
import { isDirty } from './draft-model';
import { draftStore, type DraftStore } from './draft-store';
import { disposeSyncRuntimes } from './runtime';

/** Who used the offline copies last on this browser (an id only). */
export const LAST_USER_KEY = 'grants.offline.user';

type Deps = { store?: DraftStore; caches?: Pick<CacheStorage, 'delete'> | null; storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null };

const cachesOf = (deps: Deps) => (deps.caches !== undefined ? deps.caches : typeof caches !== 'undefined' ? caches : null);
const storageOf = (deps: Deps) => {
  if (deps.storage !== undefined) return deps.storage;
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // storage blocked
  }
};

async function dropApiCache(deps: Deps) {
  try {
    await cachesOf(deps)?.delete(API_CACHE_NAME);
  } catch (e) {
    console.warn('the offline copies of API answers could not be removed', e);
  }
}

/**
 * Logout: removes the API answers kept for offline use and every draft and photo of `userId` (default: the last
 * user seen on this browser). Never throws: logging out must not fail because storage did.
 */
export async function clearOfflineData(userId?: string | null, deps: Deps = {}): Promise<void> {
  const storage = storageOf(deps);
  const who = userId ?? storage?.getItem(LAST_USER_KEY) ?? null;
  disposeSyncRuntimes();
  await dropApiCache(deps);
  if (who) {
    try {
      await (deps.store ?? draftStore()).clearUser(who);
    } catch (e) {
      console.warn('the drafts kept on this device could not be removed', e);
    }
  }
  storage?.removeItem(LAST_USER_KEY);
}

/**
 * Who is signed in, read once through the service worker so that it keeps the answer: the login itself answers with
 * the user (no GET /api/auth/me follows it), and a page reloaded offline without a kept copy does not know who is
 * signed in. Never throws.
 */
export async function primeSignedInUser(deps: { fetch?: typeof fetch } = {}): Promise<void> {
  const f = deps.fetch ?? (typeof fetch !== 'undefined' ? fetch : null);
  try {
    await f?.('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    // offline or refused: the next read keeps it
  }
}

/**
 * Login: a different user than the last one on this browser: the previous user's kept API answers go; then the
 * signed-in user is read once so the service worker keeps it (see primeSignedInUser).
 */
export async function noteSignedInUser(userId: string, deps: Deps & { fetch?: typeof fetch } = {}): Promise<void> {
  const storage = storageOf(deps);
  const last = storage?.getItem(LAST_USER_KEY) ?? null;
  if (last !== userId) await dropApiCache(deps);
  storage?.setItem(LAST_USER_KEY, userId);
  await primeSignedInUser(deps);
}

/**
 * How many visits of `userId` have work only on this phone (edits or photos not on the server yet): logging out
 * removes it, so the logout button can warn first. 0 when the store cannot be read.
 */
export async function offlineWorkWaiting(userId: string, deps: Pick<Deps, 'store'> = {}): Promise<number> {
  try {
    const store = deps.store ?? draftStore();
    const drafts = await store.listDrafts(userId);
    const photos = await Promise.all(drafts.map((d) => store.photos(userId, d.visitId)));
    return drafts.filter((d, i) => isDirty(d) || !!d.conflict || photos[i].some((p) => (!p.uploaded && !p.removed) || (p.removed && p.uploaded))).length;
  } catch {
    return 0;
  }
}
