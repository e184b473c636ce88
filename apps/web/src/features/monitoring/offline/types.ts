/**
 * The shapes of the offline visit report: what the phone keeps (IndexedDB, draft-store.ts), what it sends
 * (sync.ts, through a `VisitSyncAdapter`) and what it reads back from the API (a `ServerVisit`: the part of the
 * API's Visit answer the offline layer uses; the generated `Schemas['VisitResponseDto']` fits it).
 */
import type { ActionPointOwner, ActionPointPriority, VisitReportContent } from '@grants/domain';

/** The report's content as the form edits it and PUT /visits/:id/report takes it: photos travel on their own. */
export type DraftContent = Omit<VisitReportContent, 'photoFileIds'>;

/** An action point as PUT /visits/:id/report takes it (`id` for one the server already has). */
export type ActionPointInput = {
  id?: string;
  what: string;
  owner: ActionPointOwner;
  priority: ActionPointPriority;
  dueDate: string;
};

/**
 * An action point as the report form writes it: `key` is the phone's own (never sent), so the id the server gives
 * a new point on save finds its point again even if the monitor edited the list meanwhile.
 */
export type DraftActionPoint = ActionPointInput & { key: string };

/** A photo the server holds (POST /visits/:id/report/photos answers it; the Visit lists them). */
export type ServerPhoto = { id: string; clientKey: string; caption: string | null; width?: number; height?: number; url?: string };

/** The report as the API answers it, as far as the offline layer needs it. */
export type ServerReport = {
  status: string;
  version: number;
  content: DraftContent & { photoFileIds?: readonly string[] };
  photos: readonly ServerPhoto[];
  actionPoints: readonly (ActionPointInput & { id: string })[];
};

/** GET /visits/:id (and PUT /visits/:id/report) as far as the offline layer needs it. */
export type ServerVisit = { id: string; report: ServerReport | null };

/** The server's copy of the report as the phone last saw it (kept with the draft, to compare and to fall back on). */
export type ServerCopy = {
  version: number;
  status: string;
  content: DraftContent;
  actionPoints: DraftActionPoint[];
  photos: ServerPhoto[];
  /** when the phone read it (ISO) */
  seenAt: string;
};

/** Why the server refused what the phone sent (a 4xx other than a version conflict): kept and shown. */
export type SyncProblem = {
  /** 'unauthorized' (signed out: sign in again), 'not_editable' (submitted meanwhile), 'invalid_report', … */
  code: string;
  statusCode: number;
  message: string;
  details: { field: string; code: string; message: string }[];
};

/** The phone's copy of one visit's report, for one user. Key: [userId, visitId]. */
export type VisitDraft = {
  userId: string;
  visitId: string;
  content: DraftContent;
  actionPoints: DraftActionPoint[];
  /** the report version the device copy was edited from (sent as `version`) */
  baseVersion: number;
  /** the server copy last seen (null before the first read) */
  server: ServerCopy | null;
  /** +1 on every edit; `syncedRevision` is the revision the server holds, so an edit typed during a sync is not lost */
  revision: number;
  syncedRevision: number;
  /** last edit on the device (ISO) */
  updatedAt: string;
  /** last successful save on the server (ISO), null while never */
  savedOnServerAt: string | null;
  /** set by a 409: the newer server copy; the monitor chooses (keepMine / takeServer); nothing is overwritten meanwhile */
  conflict: { server: ServerCopy; detectedAt: string } | null;
  /** the server refused the last attempt (kept until the next edit or attempt) */
  problem: SyncProblem | null;
  /** network failures in a row (for the retry back-off); 0 after a success */
  failures: number;
};

/** A photo taken on the phone. Key: [userId, visitId, clientKey]. */
export type DraftPhoto = {
  userId: string;
  visitId: string;
  /** the phone's own id of the photo (crypto.randomUUID()); the server stores one photo per key */
  clientKey: string;
  blob: Blob;
  caption: string | null;
  createdAt: string;
  /** on the server (serverId is its id there) */
  uploaded: boolean;
  serverId: string | null;
  /** removed on the phone; still to be deleted on the server (uploaded ones only) */
  removed: boolean;
  /** the server refused this photo (too large, not an image): not retried until replaced */
  problem: SyncProblem | null;
};

/**
 * What the screen shows: `device_only` (changes or photos not on the server yet), `syncing`, `on_server`,
 * `conflict` (changed elsewhere; the monitor chooses), `error` (the server refused it; kept on the phone).
 */
export type SyncState = 'device_only' | 'syncing' | 'on_server' | 'conflict' | 'error';

/** How the sync engine talks to the API; the app's adapter (api-adapter.ts) goes through @grants/api-client. */
export type VisitSyncAdapter = {
  /** POST /visits/:id/report/photos: the same clientKey again answers the photo already stored */
  uploadPhoto(visitId: string, clientKey: string, blob: Blob, caption: string | null): Promise<ServerPhoto>;
  /** PUT /visits/:id/report at `version`; a 409 when the report changed since */
  saveReport(visitId: string, version: number, content: DraftContent, actionPoints: ActionPointInput[]): Promise<ServerVisit>;
  /** GET /visits/:id */
  getVisit(visitId: string): Promise<ServerVisit>;
  /** DELETE /visits/:id/report/photos/:photoId (a photo removed after it was uploaded) */
  deletePhoto?(visitId: string, photoId: string): Promise<void>;
};
