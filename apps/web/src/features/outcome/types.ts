/** The outcome letter of one application (GET /api/applications/:id/outcome; 404 until the committee decides). */
import type { ApplicationStatus, LocalizedText, RejectionReason, ThresholdFailure } from '@grants/domain';

export type OutcomeKind = 'awarded' | 'reserve' | 'rejected' | 'declined' | 'pending';

export type OutcomeLetter = {
  application: { id: string; reference: string; status: ApplicationStatus; organizationName: string; requestedCents: number };
  call: { id: string; reference: string; title: LocalizedText };
  decision: { decidedOn: string; sha256: string };
  outcome: OutcomeKind;
  reason: RejectionReason | null;
  /** Place among the applications above the thresholds (1 = best). */
  rank: number | null;
  reservePlace: number | null;
  failures: ThresholdFailure[];
  points: { sections: Record<string, number>; total: number } | null;
  award: { id: string; amountCents: number; status: 'awarded' | 'declined'; adjustmentReason: string | null } | null;
  grid: { id: string; title: LocalizedText; maxPoints: number; thresholdPoints: number | null }[];
  totalThreshold: number | null;
  /** The evaluators' comments per section id, numbered (never named). */
  comments: { evaluator: number; comments: Record<string, string> }[];
};
