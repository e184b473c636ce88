/**
 * Pure rules of the phone's copy of a visit report: a new draft from the server's copy, what the device holds
 * that the server does not, how a later read of the server meets the device's edits (never silently: a newer
 * server version over unsent edits is a conflict), and the monitor's two ways out of a conflict.
 */
import type { ActionPointInput, DraftActionPoint, DraftContent, DraftPhoto, ServerCopy, ServerReport, SyncState, VisitDraft } from './types';

export function emptyContent(): DraftContent {
  return { activities: [], rating: null, ratingReasons: null, correctiveActions: null, findings: null, recommendations: null, peopleMet: [], beneficiariesObserved: [] };
}

/** The server's report as the phone keeps it (photoFileIds dropped: photos are listed on their own). */
export function serverCopyOf(report: ServerReport, now: Date): ServerCopy {
  const { photoFileIds: _ignored, ...content } = report.content;
  return {
    version: report.version,
    status: report.status,
    content: { ...emptyContent(), ...content },
    actionPoints: report.actionPoints.map((p) => ({ key: p.id, id: p.id, what: p.what, owner: p.owner, priority: p.priority, dueDate: p.dueDate })),
    photos: report.photos.map((p) => ({ ...p })),
    seenAt: now.toISOString(),
  };
}

export function newDraft(userId: string, visitId: string, server: ServerCopy, now: Date): VisitDraft {
  return {
    userId,
    visitId,
    content: structuredClone(server.content),
    actionPoints: structuredClone(server.actionPoints),
    baseVersion: server.version,
    server,
    revision: 0,
    syncedRevision: 0,
    updatedAt: now.toISOString(),
    savedOnServerAt: null,
    conflict: null,
    problem: null,
    failures: 0,
  };
}

/** The device holds edits the server has not (typed since the last successful save). */
export const isDirty = (d: VisitDraft): boolean => d.revision !== d.syncedRevision;

/** Photos taken on the phone and not on the server yet (a refused one included: it is still only here). */
export const photosWaiting = (photos: readonly DraftPhoto[]): DraftPhoto[] => photos.filter((p) => !p.removed && !p.uploaded);

/** What goes to PUT /visits/:id/report (the phone's keys stay on the phone). */
export const actionPointsToSend = (points: readonly DraftActionPoint[]): ActionPointInput[] =>
  points.map(({ key: _key, ...p }) => (p.id ? p : { what: p.what, owner: p.owner, priority: p.priority, dueDate: p.dueDate }));

/** The server's points with the phone's keys of the points it already knows (so the form's rows keep their identity). */
function withKeysOf(server: readonly DraftActionPoint[], current: readonly DraftActionPoint[]): DraftActionPoint[] {
  const keys = new Map(current.filter((p) => p.id).map((p) => [p.id, p.key]));
  return server.map((p) => ({ ...p, key: (p.id && keys.get(p.id)) || p.key }));
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields the device copy changed against the server copy it was edited from: `rating`, `findings`, …,
 * `activities.<activityId>`, `peopleMet`, `beneficiariesObserved`, `actionPoints.<key>`. Empty when nothing is
 * waiting to be sent.
 */
export function changedFields(d: VisitDraft): string[] {
  if (!isDirty(d)) return [];
  const base = d.server?.content ?? emptyContent();
  const out: string[] = [];
  if ((d.content.rating ?? null) !== (base.rating ?? null)) out.push('rating');
  for (const f of ['ratingReasons', 'correctiveActions', 'findings', 'recommendations'] as const) if (text(d.content[f]) !== text(base[f])) out.push(f);
  const baseActivities = new Map(base.activities.map((a) => [a.activityId, a]));
  const ids = new Set([...baseActivities.keys(), ...d.content.activities.map((a) => a.activityId)]);
  const mine = new Map(d.content.activities.map((a) => [a.activityId, a]));
  for (const id of ids) {
    const a = mine.get(id);
    const b = baseActivities.get(id);
    if ((a?.status ?? null) !== (b?.status ?? null) || text(a?.comment) !== text(b?.comment)) out.push(`activities.${id}`);
  }
  if (!same(d.content.peopleMet, base.peopleMet)) out.push('peopleMet');
  if (!same(d.content.beneficiariesObserved, base.beneficiariesObserved)) out.push('beneficiariesObserved');
  const basePoints = new Map((d.server?.actionPoints ?? []).map((p) => [p.id ?? p.key, p]));
  const seen = new Set<string>();
  for (const p of d.actionPoints) {
    const b = p.id ? basePoints.get(p.id) : undefined;
    if (p.id) seen.add(p.id);
    if (!b || b.what !== p.what || b.owner !== p.owner || b.priority !== p.priority || b.dueDate !== p.dueDate) out.push(`actionPoints.${p.key}`);
  }
  for (const [id] of basePoints) if (!seen.has(id)) out.push(`actionPoints.${id}`);
  return out;
}

/** The monitor's edit of the form, on the draft as the store holds it now (server ids of action points kept). */
export function applyEdit(current: VisitDraft, edit: { content?: DraftContent; actionPoints?: DraftActionPoint[] }, now: Date): VisitDraft {
  const ids = new Map(current.actionPoints.filter((p) => p.id).map((p) => [p.key, p.id as string]));
  return {
    ...current,
    content: edit.content ? structuredClone(edit.content) : current.content,
    actionPoints: edit.actionPoints ? edit.actionPoints.map((p) => (p.id || !ids.has(p.key) ? { ...p } : { ...p, id: ids.get(p.key) })) : current.actionPoints,
    revision: current.revision + 1,
    updatedAt: now.toISOString(),
  };
}

/**
 * A fresh read of the server meets the device copy. Returns the draft to store (undefined: nothing to change).
 * - no draft yet: one is made from the server copy;
 * - an older copy than the device's base (a stale cached answer while offline): ignored;
 * - no unsent edits: the server copy is taken (nothing of the monitor's is lost);
 * - unsent edits and a newer server version: a conflict, both copies kept, the monitor chooses;
 * - unsent edits at the same version: the server copy is refreshed (its photos), the edits stay.
 */
export function reconcile(current: VisitDraft | undefined, userId: string, visitId: string, server: ServerCopy, now: Date): VisitDraft | undefined {
  if (!current) return newDraft(userId, visitId, server, now);
  if (current.conflict) {
    return server.version > current.conflict.server.version ? { ...current, conflict: { ...current.conflict, server } } : undefined;
  }
  if (server.version < current.baseVersion) return undefined;
  if (!isDirty(current)) {
    const unchanged =
      server.version === current.baseVersion &&
      same(server.content, current.content) &&
      same(actionPointsToSend(server.actionPoints), actionPointsToSend(current.actionPoints)) &&
      same(server.photos, current.server?.photos) &&
      server.status === current.server?.status;
    if (unchanged) return undefined;
    return { ...current, content: structuredClone(server.content), actionPoints: withKeysOf(server.actionPoints, current.actionPoints), baseVersion: server.version, server };
  }
  if (server.version > current.baseVersion) return { ...current, conflict: { server, detectedAt: now.toISOString() } };
  return same(server.photos, current.server?.photos) && server.status === current.server?.status ? undefined : { ...current, server };
}

/** Keep mine: the device copy is saved on top of the server's current version (the monitor chose it). */
export function keepMine(current: VisitDraft, now: Date): VisitDraft {
  if (!current.conflict) return current;
  const server = current.conflict.server;
  const onServer = new Set(server.actionPoints.map((p) => p.id));
  return {
    ...current,
    // a point deleted on the server meanwhile is written again as a new one
    actionPoints: current.actionPoints.map((p) => (p.id && !onServer.has(p.id) ? { key: p.key, what: p.what, owner: p.owner, priority: p.priority, dueDate: p.dueDate } : p)),
    baseVersion: server.version,
    server,
    conflict: null,
    problem: null,
    revision: current.revision + 1,
    updatedAt: now.toISOString(),
  };
}

/** Take the server's: the device's edits to the text are dropped for the server copy (photos not yet sent stay). */
export function takeServer(current: VisitDraft, now: Date): VisitDraft {
  const server = current.conflict?.server ?? current.server;
  if (!server) return current;
  return {
    ...current,
    content: structuredClone(server.content),
    actionPoints: withKeysOf(server.actionPoints, current.actionPoints),
    baseVersion: server.version,
    server,
    conflict: null,
    problem: null,
    revision: current.revision + 1,
    syncedRevision: current.revision + 1,
    updatedAt: now.toISOString(),
  };
}

/** What the screen says, from the stored draft, its photos and whether a sync of it is running now. */
export function syncStateOf(d: VisitDraft | undefined, photos: readonly DraftPhoto[], syncing: boolean): SyncState {
  if (!d) return 'on_server';
  if (d.conflict) return 'conflict';
  if (syncing) return 'syncing';
  if (d.problem || photos.some((p) => !p.removed && !p.uploaded && p.problem)) return 'error';
  if (isDirty(d) || photosWaiting(photos).length > 0 || photos.some((p) => p.removed && p.uploaded)) return 'device_only';
  return 'on_server';
}

/** A photo just taken on the phone: its own key (crypto.randomUUID()), waiting to be uploaded. */
export function newPhoto(userId: string, visitId: string, blob: Blob, caption: string | null, now: Date, clientKey: string = crypto.randomUUID()): DraftPhoto {
  return { userId, visitId, clientKey, blob, caption: caption?.trim() || null, createdAt: now.toISOString(), uploaded: false, serverId: null, removed: false, problem: null };
}
