import { isVisitReportEditable, type VisitReportStatus } from '@grants/domain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Schemas } from '../../../api/client';
import { useMe } from '../../auth/hooks';
import { applyEdit, changedFields, newPhoto, photosWaiting, reconcile, serverCopyOf, syncStateOf } from './draft-model';
import type { DraftStore } from './draft-store';
import { registerFlusher, syncRuntime } from './runtime';
import { retryDelayMs, type SyncOutcome } from './sync';
import type { DraftActionPoint, DraftContent, DraftPhoto, ServerCopy, ServerPhoto, ServerVisit, SyncProblem, SyncState, VisitDraft, VisitSyncAdapter } from './types';
import { useOnline } from './useOnline';

/** How long after the last keystroke the form is written to the phone. */
export const SAVE_DEBOUNCE_MS = 500;
/** How long after the last save on the phone it is sent to the server (online). */
export const SYNC_DELAY_MS = 1500;

type Edit = { content?: DraftContent; actionPoints?: DraftActionPoint[] };
type Updater<T> = T | ((current: T) => T);

export type VisitDraftApi = {
  /** false until the phone's copy is read (then `draft` is the phone's copy, or undefined before the server's first answer) */
  ready: boolean;
  /** the report as the form shows it: the phone's copy with the last keystrokes */
  draft: { content: DraftContent; actionPoints: DraftActionPoint[]; baseVersion: number } | undefined;
  /** photos taken on this phone (not removed), oldest first; `uploaded` says which are on the server */
  photos: DraftPhoto[];
  /** photos on the server that this phone did not take (another device, or a phone cleared since) */
  serverPhotos: ServerPhoto[];
  setContent(next: Updater<DraftContent>): void;
  setActionPoints(next: Updater<DraftActionPoint[]>): void;
  /** a new action point's row: its phone key made here */
  newActionPointKey(): string;
  addPhoto(blob: Blob, caption?: string | null): Promise<DraftPhoto | undefined>;
  /** only before it is uploaded (the server keeps the caption it was sent with) */
  setPhotoCaption(clientKey: string, caption: string | null): Promise<boolean>;
  removePhoto(clientKey: string): Promise<void>;
  state: SyncState;
  online: boolean;
  /** what is only on the phone: the fields changed and the photos not uploaded */
  pending: { fields: string[]; fieldCount: number; photos: number };
  savedOnServerAt: string | null;
  problem: SyncProblem | null;
  /** photos the server refused (shown with their reason) */
  refusedPhotos: DraftPhoto[];
  /** the server's newer copy while in conflict */
  conflict: { server: ServerCopy; detectedAt: string } | null;
  /** the report may still be edited (a draft or returned) as the server last said */
  editable: boolean;
  syncNow(): Promise<SyncOutcome | undefined>;
  keepMine(): Promise<SyncOutcome | undefined>;
  takeServer(): Promise<SyncOutcome | undefined>;
  /** drops the phone's copy and its photos not uploaded; the server's copy is shown again */
  discardDraft(): Promise<void>;
};

export type UseVisitDraftOptions = { adapter?: VisitSyncAdapter; store?: DraftStore; now?: () => Date };

/**
 * The visit report form's offline copy: reads and writes the phone's draft (IndexedDB) as the monitor types
 * (500 ms after the last keystroke), sends it when there is a network (sync.ts), and says what is where.
 * `serverVisit` is GET /visits/:id's answer when there is one (online, or from the service worker's copy).
 */
export function useVisitDraft(visitId: string, serverVisit: ServerVisit | Schemas['VisitResponseDto'] | null | undefined, options: UseVisitDraftOptions = {}): VisitDraftApi {
  const { data: me } = useMe();
  const userId = me?.id ?? null;
  const online = useOnline();
  const now = options.now ?? (() => new Date());
  const nowRef = useRef(now);
  nowRef.current = now;
  const runtime = useMemo(() => (userId ? syncRuntime(userId, options.adapter, options.store) : null), [userId, options.adapter, options.store]);

  const [stored, setStored] = useState<{ draft: VisitDraft | undefined; photos: DraftPhoto[] } | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [overlay, setOverlay] = useState<Edit | null>(null);
  const overlayRef = useRef<Edit | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // the phone's copy, read again after every write (this tab's or another's)
  useEffect(() => {
    if (!runtime || !userId) return;
    let alive = true;
    const load = async () => {
      const [draft, photos] = await Promise.all([runtime.store.getDraft(userId, visitId), runtime.store.photos(userId, visitId)]);
      if (alive) setStored({ draft, photos });
    };
    void load();
    const stop = runtime.store.subscribe((u, v) => {
      if (u === userId && v === visitId) void load();
    });
    setSyncing(runtime.engine.isSyncing(userId, visitId));
    const stopSync = runtime.engine.subscribe((u, v, s) => {
      if (u === userId && v === visitId && alive) setSyncing(s);
    });
    return () => {
      alive = false;
      stop();
      stopSync();
    };
  }, [runtime, userId, visitId]);

  // the server's answer meets the phone's copy (a newer server version over unsent edits: a conflict)
  const report = (serverVisit as ServerVisit | null | undefined)?.report ?? null;
  useEffect(() => {
    if (!runtime || !userId || !report) return;
    const at = nowRef.current();
    void runtime.store.updateDraft(userId, visitId, (d) => reconcile(d, userId, visitId, serverCopyOf(report, at), at)).then((d) => {
      // something left from before (offline, a closed tab): send it
      if (d && d.revision !== d.syncedRevision) runtime.scheduler.request(visitId, 0);
    });
  }, [runtime, userId, visitId, report]);

  // photos waiting from an earlier session go when the form opens
  const hasWaitingPhotos = !!stored?.photos.some((p) => !p.uploaded && !p.removed && !p.problem);
  useEffect(() => {
    if (runtime && hasWaitingPhotos) runtime.scheduler.request(visitId, 0);
  }, [runtime, visitId, hasWaitingPhotos]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const edit = overlayRef.current;
    if (!edit || !runtime || !userId) return;
    await runtime.store.updateDraft(userId, visitId, (d) => (d ? applyEdit(d, edit, nowRef.current()) : undefined));
    if (overlayRef.current === edit) {
      overlayRef.current = null;
      setOverlay(null);
    }
    runtime.scheduler.request(visitId, SYNC_DELAY_MS);
  }, [runtime, userId, visitId]);

  // written before the page goes: hidden (phones rarely tell more), a reload for a new version, leaving the form
  useEffect(() => {
    const unregister = registerFlusher(flush);
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      unregister();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  const edit = useCallback(
    (change: (current: Edit, base: VisitDraft) => Edit) => {
      const base = stored?.draft;
      if (!base) return;
      const next = { ...(overlayRef.current ?? {}), ...change(overlayRef.current ?? {}, base) };
      overlayRef.current = next;
      setOverlay(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DEBOUNCE_MS);
    },
    [stored?.draft, flush],
  );

  const setContent = useCallback(
    (next: Updater<DraftContent>) =>
      edit((o, base) => ({ content: typeof next === 'function' ? next(o.content ?? base.content) : next })),
    [edit],
  );
  const setActionPoints = useCallback(
    (next: Updater<DraftActionPoint[]>) =>
      edit((o, base) => ({ actionPoints: typeof next === 'function' ? next(o.actionPoints ?? base.actionPoints) : next })),
    [edit],
  );

  const addPhoto = useCallback(
    async (blob: Blob, caption: string | null = null) => {
      if (!runtime || !userId) return undefined;
      const photo = newPhoto(userId, visitId, blob, caption, nowRef.current());
      await runtime.store.putPhoto(photo);
      runtime.scheduler.request(visitId, 0);
      return photo;
    },
    [runtime, userId, visitId],
  );
  const setPhotoCaption = useCallback(
    async (clientKey: string, caption: string | null) => {
      if (!runtime || !userId) return false;
      const p = await runtime.store.updatePhoto(userId, visitId, clientKey, (x) => (x.uploaded ? x : { ...x, caption: caption?.trim() || null }));
      return !!p && !p.uploaded;
    },
    [runtime, userId, visitId],
  );
  const removePhoto = useCallback(
    async (clientKey: string) => {
      if (!runtime || !userId) return;
      const p = (await runtime.store.photos(userId, visitId)).find((x) => x.clientKey === clientKey);
      if (!p) return;
      if (!p.uploaded) await runtime.store.deletePhoto(userId, visitId, clientKey);
      else {
        await runtime.store.updatePhoto(userId, visitId, clientKey, (x) => ({ ...x, removed: true }));
        runtime.scheduler.request(visitId, 0);
      }
    },
    [runtime, userId, visitId],
  );

  const after = useCallback(
    async (outcome: SyncOutcome) => {
      if (!runtime || !userId) return outcome;
      if (outcome.kind === 'offline') runtime.scheduler.request(visitId, retryDelayMs((await runtime.store.getDraft(userId, visitId))?.failures ?? 1));
      return outcome;
    },
    [runtime, userId, visitId],
  );
  const syncNow = useCallback(async () => {
    if (!runtime || !userId) return undefined;
    await flush();
    return after(await runtime.engine.syncVisit(userId, visitId));
  }, [runtime, userId, visitId, flush, after]);
  const keepMine = useCallback(async () => {
    if (!runtime || !userId) return undefined;
    await flush();
    return after(await runtime.engine.keepMine(userId, visitId));
  }, [runtime, userId, visitId, flush, after]);
  const takeServer = useCallback(async () => {
    if (!runtime || !userId) return undefined;
    if (timer.current) clearTimeout(timer.current);
    overlayRef.current = null;
    setOverlay(null);
    return after(await runtime.engine.takeServer(userId, visitId));
  }, [runtime, userId, visitId, after]);
  const discardDraft = useCallback(async () => {
    if (!runtime || !userId) return;
    if (timer.current) clearTimeout(timer.current);
    overlayRef.current = null;
    setOverlay(null);
    const server = (await runtime.store.getDraft(userId, visitId))?.server ?? null;
    await runtime.store.deleteDraft(userId, visitId);
    const fresh = report ? serverCopyOf(report, nowRef.current()) : server;
    if (fresh) await runtime.store.updateDraft(userId, visitId, (d) => reconcile(d, userId, visitId, fresh, nowRef.current()));
  }, [runtime, userId, visitId, report]);

  const d = stored?.draft;
  const shown = d && overlay ? applyEdit(d, overlay, new Date(d.updatedAt)) : d;
  const photos = stored?.photos ?? [];
  const fields = shown ? changedFields(shown) : [];
  const local = new Set(photos.map((p) => p.clientKey));
  let state = syncStateOf(shown, photos, syncing);
  if (overlay && state === 'on_server') state = 'device_only';

  return {
    ready: stored !== null,
    draft: shown ? { content: shown.content, actionPoints: shown.actionPoints, baseVersion: shown.baseVersion } : undefined,
    photos: photos.filter((p) => !p.removed),
    serverPhotos: (d?.server?.photos ?? []).filter((p) => !local.has(p.clientKey)),
    setContent,
    setActionPoints,
    newActionPointKey: () => crypto.randomUUID(),
    addPhoto,
    setPhotoCaption,
    removePhoto,
    state,
    online,
    pending: { fields, fieldCount: fields.length, photos: photosWaiting(photos).length },
    savedOnServerAt: d?.savedOnServerAt ?? null,
    problem: d?.problem ?? null,
    refusedPhotos: photos.filter((p) => !p.removed && !p.uploaded && !!p.problem),
    conflict: d?.conflict ?? null,
    editable: d?.server ? isVisitReportEditable(d.server.status as VisitReportStatus) : true,
    syncNow,
    keepMine,
    takeServer,
    discardDraft,
  };
}
