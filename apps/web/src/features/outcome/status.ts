import type { ApplicationStatus } from '@grants/domain';

/** Statuses that follow the committee's decision: the applicant has an outcome letter. */
export const OUTCOME_STATUSES: readonly ApplicationStatus[] = ['awarded', 'offered', 'reserve', 'rejected', 'declined'];

export function hasOutcomeLetter(status: ApplicationStatus): boolean {
  return OUTCOME_STATUSES.includes(status);
}

export const outcomePath = (applicationId: string) => `/applications/${applicationId}/outcome`;
