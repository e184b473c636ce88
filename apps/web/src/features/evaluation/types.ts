/** Types of the evaluation API for evaluators (apps/api/src/modules/evaluations, "The evaluator"). */
import type { ApplicationContent, AssignmentStatus, CallStatus, ComputedBudget, EvaluationGrid, LocalizedText, SheetComments, SheetScores } from '@grants/domain';

/** GET /api/evaluations: the calls whose evaluator pool I am in. */
export type MyEvaluationCall = {
  id: string;
  reference: string;
  status: CallStatus;
  title: LocalizedText;
  declarationSignedAt: string | null;
  /** Assignments still counting (assigned, accepted or submitted). */
  assigned: number;
  submitted: number;
  /** The earliest due date of an open sheet. */
  nextDueAt: string | null;
};

/** GET /api/evaluations/:callId/declaration (and the answer of POST). */
export type Declaration = {
  call: { id: string; reference: string; title: LocalizedText };
  text: LocalizedText;
  signedAt: string | null;
  signedLanguage: 'en' | 'sq' | 'sr' | null;
};

export type MyAssignment = {
  id: string;
  status: AssignmentStatus;
  dueAt: string;
  total: number | null;
  submittedAt: string | null;
  reference: string;
  organizationName: string;
  /** Only once no conflict is confirmed. */
  projectTitle: string | null;
};

/** GET /api/evaluations/:callId/assignments (404 before the declaration is signed). */
export type MyAssignments = {
  call: { id: string; reference: string; title: LocalizedText; status: CallStatus };
  items: MyAssignment[];
};

/** The frozen content of the submitted application (application_submissions.snapshot). */
export type SubmissionSnapshot = {
  application: string;
  reference: string;
  call: string;
  submittedAt: string;
  organization?: { legalName?: string; acronym?: string | null; municipality?: string; description?: string | null };
  content: ApplicationContent;
  contentSha256?: string;
  budget: ComputedBudget;
  attachments: { requirementId: string; fileName: string; size: number; sha256: string }[];
};

export type SubmissionView = { reference: string; sha256: string; submittedAt: string; snapshot: SubmissionSnapshot };

export type SheetTotals = { sections: Record<string, number>; total: number };

/** Another evaluator's submitted sheet, without a name ("A", "B"…). */
export type OtherSheet = { label: string; scores: SheetScores; comments: SheetComments; total: number | null };

/** GET /api/assignments/:id. */
export type Assignment = {
  id: string;
  status: AssignmentStatus;
  dueAt: string;
  version: number;
  conflictReason: string | null;
  submittedAt: string | null;
  call: { id: string; reference: string; title: LocalizedText; grid: EvaluationGrid; status: CallStatus };
  application: { id: string; reference: string; organizationName: string; submittedAt: string | null; requestedCents: number };
  /** Only once no conflict is confirmed (accepted, submitted). */
  submission: SubmissionView | null;
  sheet: { scores: SheetScores; comments: SheetComments; totals: SheetTotals } | null;
  /** The other evaluators' submitted sheets, once mine is submitted. */
  others: OtherSheet[];
};

/** After declaring a conflict the assignment may no longer be readable: the API then answers only this. */
export type ConflictAnswer = Assignment | { id: string; status: 'conflict' };

export type SaveSheetBody = { scores: SheetScores; comments: SheetComments; version: number };
export type SaveSheetAnswer = { version: number; totals: SheetTotals };
