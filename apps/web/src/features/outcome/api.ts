import { api, data, downloadUrl, type Schemas } from '../../api/client';

/** The outcome letter of one application (GET /api/applications/:id/outcome; 404 until the committee decides). */
export type OutcomeLetter = Schemas['OutcomeResponseDto'];
/** The award or offer the letter is about: an offer (less than requested) is accepted or refused by the organisation. */
export type OutcomeAward = Schemas['OutcomeAwardResponseDto'];
export type OutcomeSection = Schemas['OutcomeSectionResponseDto'];

const byId = (id: string) => ({ params: { path: { id } } });

export const outcomeApi = {
  get: (applicationId: string) => data(api.GET('/api/applications/{id}/outcome', byId(applicationId))),
  /** The organisation accepts the offer: the award is made. Answers the letter as it now stands. */
  accept: (awardId: string) => data(api.POST('/api/awards/{id}/accept', byId(awardId))),
  /** The organisation refuses the offer (it may say why): the money goes down the reserve list. */
  refuse: (awardId: string, reason: string) => data(api.POST('/api/awards/{id}/refuse', { ...byId(awardId), body: reason ? { reason } : {} })),
  /** A plain link: the browser downloads it with the session cookie. */
  pdfUrl: (applicationId: string) => downloadUrl('/api/applications/{id}/outcome.pdf', { id: applicationId }),
};
