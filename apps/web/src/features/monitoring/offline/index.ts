/**
 * The offline layer of the monitor's visit report form (issue 11): the phone keeps the draft and its photos
 * (IndexedDB, per user), sends them when the network is there (photos first, then the report at its version),
 * and shows plainly where the report is. The screens use:
 *
 *   const visit = useQuery(...GET /visits/:id...).data;          // online, or the service worker's copy offline
 *   const d = useVisitDraft(visitId, visit);
 *   d.draft?.content / d.draft?.actionPoints                       // what the form shows (null until read)
 *   d.setContent((c) => ({ ...c, findings }))                      // saved on the phone 500 ms after typing stops
 *   d.setActionPoints((ps) => [...ps, { key: d.newActionPointKey(), what, owner, priority, dueDate }])
 *   await d.addPhoto(file, caption); d.removePhoto(clientKey); d.setPhotoCaption(clientKey, caption)
 *   <SyncStatus {...d} />                                          // "Saved on this phone only — … (2 photos waiting)"
 *   d.state, d.pending.{fieldCount, fields, photos}, d.conflict, d.problem (its details name the fields), d.editable
 *   d.syncNow(), d.keepMine(), d.takeServer(), d.discardDraft()
 *
 * Logout calls clearOfflineData() (auth/hooks.ts); login calls noteSignedInUser(). main.tsx imports
 * registerServiceWorker() from './register-sw' itself (not through this index: the first load stays small).
 */
export { API_CACHE_NAME, isOfflineRead } from './cache-rules';
export { clearOfflineData, noteSignedInUser, offlineWorkWaiting } from './clear';
export { changedFields, emptyContent, isDirty, photosWaiting } from './draft-model';
export { draftStore, openDraftStore, type DraftStore } from './draft-store';
export { flushDrafts } from './runtime';
export { SyncStatus, type SyncStatusProps } from './SyncStatus';
export { classifySyncError, createSyncEngine, createSyncScheduler, type SyncEngine, type SyncOutcome } from './sync';
export type { ActionPointInput, DraftActionPoint, DraftContent, DraftPhoto, ServerCopy, ServerPhoto, ServerVisit, SyncProblem, SyncState, VisitDraft, VisitSyncAdapter } from './types';
export { useOnline } from './useOnline';
export { SAVE_DEBOUNCE_MS, useVisitDraft, type UseVisitDraftOptions, type VisitDraftApi } from './useVisitDraft';
