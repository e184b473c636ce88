import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../../calls/dtos/call.dtos';

/** Every kind of thing a home page can list, by role. */
export const TODO_KINDS = [
  // evaluator
  'evaluation.declaration_pending',
  'evaluation.sheets_to_score',
  // Secretariat
  'application.admissibility_pending',
  'call.decision_pending',
  'call.questions_unanswered',
  'call.info_sessions_upcoming',
  // Secretariat administrator
  'user.invitations_pending',
  'user.invitations_expired',
  // applicant organisation
  'application.drafts_due',
  'award.offer_to_answer',
  'call.info_sessions_registered',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** One record waiting on the reader. */
export class TodoEntryDto {
  id!: string;
  /** The application's reference, when the entry is an application or a sheet. */
  reference!: string | null;
  /** Whom it is about: the organisation, the invited address, the session's place. */
  name!: string | null;
  callId!: string | null;
  callReference!: string | null;
  @ApiProperty({ type: LocalizedTextDto, nullable: true }) callTitle!: LocalizedTextDto | null;
  /** ISO instant the list is ordered by: when it started waiting, or its deadline (see the kind). */
  at!: string | null;
  /** How many things wait inside it (assignments behind a declaration, open sheets, registrations), or null. */
  pending!: number | null;
  /** Path in the web app where it is done. */
  link!: string;
}

/** One kind of thing to do: how many, the oldest date, where to go, and the first entries oldest first. */
export class TodoItemDto {
  @ApiProperty({ enum: TODO_KINDS, enumName: 'TodoKind' }) kind!: TodoKind;
  count!: number;
  /** ISO instant of the first entry (the oldest or soonest due), or null when there is none. */
  oldestAt!: string | null;
  /** Path of the page that lists them all. */
  link!: string;
  entries!: TodoEntryDto[];
}

/** The reader's to-do list: every kind their role has, the ones with something to do first, each oldest first. */
export class TodoResponseDto {
  items!: TodoItemDto[];
  /** How many things wait in all. */
  total!: number;
}
