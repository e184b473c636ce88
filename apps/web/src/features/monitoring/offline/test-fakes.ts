/**
 * Test doubles for the offline layer: an in-memory API that behaves as the contract says (a version per report,
 * 409 on a stale one, one photo per clientKey, ids for new action points) and whose network can be cut.
 * Used by the unit tests only.
 */
import { ApiError } from '../../../api/errors';
import type { ActionPointInput, DraftContent, ServerPhoto, ServerVisit, VisitSyncAdapter } from './types';

export const VISIT_ID = 'v1';

export function content(overrides: Partial<DraftContent> = {}): DraftContent {
  return {
    activities: [{ activityId: 'activity.1.1', status: 2, comment: 'Sessions run twice a week' }],
    rating: 1,
    ratingReasons: null,
    correctiveActions: null,
    findings: 'The shelter runs as planned.',
    recommendations: null,
    peopleMet: [{ function: 'Director', count: 1 }],
    beneficiariesObserved: [{ group: 'Women in the day centre', count: 6 }],
    ...overrides,
  };
}

export type FakeServer = VisitSyncAdapter & {
  version: number;
  content: DraftContent;
  points: (ActionPointInput & { id: string })[];
  photos: ServerPhoto[];
  calls: { uploadPhoto: string[]; saveReport: number[]; getVisit: number; deletePhoto: string[] };
  /** the next calls of this method fail like a dropped network (a TypeError as fetch throws) */
  cut(method: 'uploadPhoto' | 'saveReport' | 'getVisit' | 'deletePhoto', times?: number): void;
  /** the next call of this method fails with this API error */
  refuse(method: 'uploadPhoto' | 'saveReport', error: ApiError): void;
  /** the network is gone for everything until restored */
  offline: boolean;
  /** the answer to the next upload is lost after the server stored the photo */
  loseNextUploadAnswer: boolean;
  /** someone else saves the report on the server */
  editElsewhere(c: Partial<DraftContent>): void;
  visit(): ServerVisit;
};

export function fakeServer(start: Partial<DraftContent> = {}): FakeServer {
  const cuts: Record<string, number> = {};
  const refusals: Record<string, ApiError | undefined> = {};
  let seq = 0;
  const net = (method: string) => {
    if (s.offline) throw new TypeError('Failed to fetch');
    if (cuts[method]) {
      cuts[method] -= 1;
      throw new TypeError('Failed to fetch');
    }
    const r = refusals[method];
    if (r) {
      refusals[method] = undefined;
      throw r;
    }
  };
  const s: FakeServer = {
    version: 1,
    content: content(start),
    points: [],
    photos: [],
    calls: { uploadPhoto: [], saveReport: [], getVisit: 0, deletePhoto: [] },
    offline: false,
    loseNextUploadAnswer: false,
    cut(method, times = 1) {
      cuts[method] = times;
    },
    refuse(method, error) {
      refusals[method] = error;
    },
    editElsewhere(c) {
      s.content = { ...s.content, ...c };
      s.version += 1;
    },
    visit() {
      return {
        id: VISIT_ID,
        report: { status: 'draft', version: s.version, content: structuredClone(s.content), photos: s.photos.map((p) => ({ ...p })), actionPoints: s.points.map((p) => ({ ...p })) },
      };
    },
    async uploadPhoto(_visitId, clientKey, blob, caption) {
      net('uploadPhoto');
      s.calls.uploadPhoto.push(clientKey);
      let photo = s.photos.find((p) => p.clientKey === clientKey);
      if (!photo) {
        if (!(blob.size > 0)) throw new ApiError(400, 'required', 'Choose a photo');
        photo = { id: `photo-${s.photos.length + 1}`, clientKey, caption, width: 4, height: 3, url: `/api/visits/${VISIT_ID}/report/photos/p` };
        s.photos.push(photo);
      }
      if (s.loseNextUploadAnswer) {
        s.loseNextUploadAnswer = false;
        throw new TypeError('Failed to fetch');
      }
      return { ...photo };
    },
    async saveReport(_visitId, version, c, actionPoints) {
      net('saveReport');
      s.calls.saveReport.push(version);
      if (version !== s.version) throw new ApiError(409, 'stale_version', 'The report has changed', [{ field: 'version', code: 'stale_version', message: String(s.version) }]);
      s.content = structuredClone(c);
      s.points = actionPoints.map((p) => ({ ...p, id: p.id ?? `ap-${++seq}` }));
      s.version += 1;
      return s.visit();
    },
    async getVisit() {
      net('getVisit');
      s.calls.getVisit += 1;
      return s.visit();
    },
    async deletePhoto(_visitId, photoId) {
      net('deletePhoto');
      s.calls.deletePhoto.push(photoId);
      const before = s.photos.length;
      s.photos = s.photos.filter((p) => p.id !== photoId);
      if (s.photos.length === before) throw new ApiError(404, 'not_found', 'not_found');
    },
  };
  return s;
}
