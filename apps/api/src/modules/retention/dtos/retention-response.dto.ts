/** How long one kind of record is kept. */
export class RetentionSettingResponseDto {
  /** application_unfunded, evaluation, grant, monitoring_photo, safeguarding_report, session, notification */
  type!: string;
  amount!: number;
  /** days, months or years */
  unit!: string;
  /** What the period counts from: call_decision, final_payment, case_closed, ended, created. */
  anchor!: string;
  defaultAmount!: number;
  defaultUnit!: string;
  /** ISO instant of the last change, null while the default stands. */
  updatedAt!: string | null;
}

/** One table's part of a sweep: how many rows, and the first and last id by id order (null for sessions and login failures, keyed by secrets). */
export class RetentionSweepItemResponseDto {
  type!: string;
  table!: string;
  count!: number;
  firstId!: string | null;
  lastId!: string | null;
}

/** What the sweep would remove now (nothing is changed). */
export class RetentionDryRunResponseDto {
  /** ISO instant. */
  at!: string;
  items!: RetentionSweepItemResponseDto[];
}

/** One sweep and what it removed. */
export class RetentionRunResponseDto {
  id!: string;
  startedAt!: string;
  finishedAt!: string | null;
  /** running, done, failed */
  status!: string;
  /** Started by a person from the screen (false: the daily job). */
  byPerson!: boolean;
  items!: RetentionSweepItemResponseDto[];
  error!: string | null;
}

/** A person's data erased. */
export class UserErasureResponseDto {
  userId!: string;
  erasureId!: string;
  /** ISO instant. */
  erasedAt!: string;
  /** Audit entries written before hash version 3 that still carry the person's address (their hash covers it). */
  legacyAuditEntries!: number;
}
