import { ApiProperty } from '@nestjs/swagger';
import type { CallStatus } from '@grants/domain';
import { APPLICATION_STATUSES, CALL_STATUSES } from '@grants/domain';
import { CallDefinitionDto, InfoSessionViewDto, LocalizedTextDto } from './call.dtos';

/** The caller's organisation's application to a call (null when it has none, or it was withdrawn). */
export class MyApplicationRefDto {
  id!: string;
  /** The application's status (see ApplicationResponseDto.status; the database's CHECK keeps it to these). */
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: string;
  /** Set at the first submission, e.g. MF-C3-2026-01-007. */
  reference!: string | null;
}

/** A call as the list of calls shows it. */
export class CallSummaryResponseDto {
  id!: string;
  reference!: string;
  @ApiProperty({ enum: CALL_STATUSES }) status!: CallStatus;
  title!: LocalizedTextDto;
  programme!: string;
  /** Integer euro cents. */
  budgetEnvelopeCents!: number;
  /** Integer euro cents. */
  minGrantCents!: number;
  /** Integer euro cents. */
  maxGrantCents!: number;
  /** ISO instant; null while the draft has no date. */
  questionsDeadlineAt!: string | null;
  /** ISO instant; null while the draft has no date. */
  submissionDeadlineAt!: string | null;
  /** ISO instant. */
  publishedAt!: string | null;
  @ApiProperty({ type: MyApplicationRefDto, nullable: true }) myApplication!: MyApplicationRefDto | null;
}

/** A document of the call as stored in its definition. */
export class CallDefinitionDocumentDto {
  id!: string;
  kind!: 'guidelines' | 'template' | 'other';
  fileId!: string;
  title!: LocalizedTextDto;
}

/** The definition as stored: what PATCH takes, plus the reference and the documents. */
export class CallDefinitionResponseDto extends CallDefinitionDto {
  reference!: string;
  documents?: CallDefinitionDocumentDto[];
}

/** An amendment of a published call, shown to every applicant. */
export class CallAmendmentResponseDto {
  id!: string;
  reason!: string;
  /** The fields of the definition that changed, e.g. dates.submissionDeadlineAt. */
  fields!: string[];
  /** ISO instant. */
  createdAt!: string;
}

/** A guideline, template or other document of the call. */
export class CallDocumentResponseDto {
  id!: string;
  kind!: 'guidelines' | 'template' | 'other';
  language!: 'en' | 'sq' | 'sr' | null;
  fileId!: string;
  fileName!: string;
  /** Bytes. */
  size!: number;
  sha256!: string;
}

/** What still keeps a call from being published. */
export class CallProblemResponseDto {
  /** The field of the definition, e.g. texts.title.sq. */
  field!: string;
  code!: string;
}

/** A call with its definition, documents, amendments and info sessions. */
export class CallResponseDto extends CallSummaryResponseDto {
  /** Optimistic lock: send it back with PATCH, publish and transition. */
  version!: number;
  definition!: CallDefinitionResponseDto;
  /** The server's clock (ISO instant), which judges every deadline. */
  serverNow!: string;
  questionsOpen!: boolean;
  submissionOpen!: boolean;
  following!: boolean;
  amendments!: CallAmendmentResponseDto[];
  documents!: CallDocumentResponseDto[];
  /** Only for the Secretariat (empty for others). */
  problems!: CallProblemResponseDto[];
  infoSessions!: InfoSessionViewDto[];
}

/** A clarification question; the organisation that asked is named only to the Secretariat. */
export class CallQuestionResponseDto {
  id!: string;
  question!: string;
  answer!: string | null;
  /** ISO instant. */
  askedAt!: string;
  /** ISO instant. */
  answeredAt!: string | null;
  published!: boolean;
  /** Asked by the caller's organisation. */
  mine!: boolean;
  /** Only in the Secretariat's view. */
  organizationName?: string;
}
