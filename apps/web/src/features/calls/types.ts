/** Types of the calls / applications API (docs/api-contract.md, "Calls, clarifications and applications"). */
import type {
  ApplicationContent,
  ApplicationStatus,
  CallDraft,
  CallStatus,
  ComputedBudget,
  LocalizedText,
} from '@grants/domain';

export type MyApplicationRef = { id: string; status: ApplicationStatus; reference: string | null };

export type CallSummary = {
  id: string;
  reference: string;
  status: CallStatus;
  title: LocalizedText;
  programme: string;
  budgetEnvelopeCents: number;
  minGrantCents: number;
  maxGrantCents: number;
  questionsDeadlineAt: string | null;
  submissionDeadlineAt: string | null;
  publishedAt: string | null;
  myApplication: MyApplicationRef | null;
};

export type RequiredAttachment = { id: string; title: LocalizedText };
export type CallDefinition = CallDraft & { requiredAttachments?: RequiredAttachment[] };

export type CallDocumentView = {
  id: string;
  kind: 'guidelines' | 'template' | 'other';
  language: 'en' | 'sq' | 'sr' | null;
  fileId: string;
  fileName: string;
  size: number;
  sha256: string;
};

export type InfoSession = {
  id: string;
  startsAt: string;
  place: string | null;
  onlineLink: string | null;
  capacity: number;
  registered: number;
  registeredByMe: boolean;
  /** How many people the caller's organisation registered; null when it has not registered. */
  myAttendees: number | null;
};

export type Call = CallSummary & {
  version: number;
  definition: CallDefinition;
  serverNow: string;
  questionsOpen: boolean;
  submissionOpen: boolean;
  following?: boolean;
  amendments: { id: string; reason: string; fields: string[]; createdAt: string }[];
  documents: CallDocumentView[];
  problems: { field: string; code: string }[];
  infoSessions?: InfoSession[];
};

export type Question = {
  id: string;
  question: string;
  answer: string | null;
  askedAt: string;
  answeredAt: string | null;
  published: boolean;
  mine: boolean;
  organizationName?: string;
};

export type CompletenessItem = { section: string; field: string; code: string; params?: Record<string, string | number> };

export type ApplicationAttachment = { id: string; requirementId: string; fileId: string; fileName: string; size: number; sha256: string };

export type Submission = { seq: number; reference: string; sha256: string; submittedAt: string; supersededAt: string | null };

export type AdmissibilityView = {
  answers: { itemId: string; passed: boolean; reason?: string }[];
  outcome: 'admissible' | 'rejected' | 'incomplete' | null;
  flags: string[];
  decidedAt: string | null;
};

export type Application = {
  id: string;
  callId: string;
  callReference: string;
  organizationId: string;
  organizationName: string;
  status: ApplicationStatus;
  version: number;
  reference: string | null;
  content: ApplicationContent;
  budget: ComputedBudget;
  completeness: CompletenessItem[];
  submittedAt: string | null;
  sha256: string | null;
  changedSinceSubmission?: boolean;
  deadlineAt: string | null;
  serverNow: string;
  submissionOpen?: boolean;
  submissions: Submission[];
  attachments: ApplicationAttachment[];
  requiredAttachments?: RequiredAttachment[];
  admissibility: AdmissibilityView | null;
};

export type ApplicationListItem = {
  id: string;
  callId: string;
  callReference: string;
  organizationName: string;
  status: ApplicationStatus;
  reference: string | null;
  requestedCents: number;
  submittedAt: string | null;
  admissibilityOutcome: 'admissible' | 'rejected' | 'incomplete' | null;
};
