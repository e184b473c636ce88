/** One entry of the append-only, hash-chained audit log. */
export class AuditEntryResponseDto {
  seq!: number;
  /** ISO instant. */
  at!: string;
  actorId!: string | null;
  actorEmail!: string | null;
  action!: string;
  entity!: string;
  entityId!: string | null;
  summary!: string;
  prevHash!: string;
  hash!: string;
}

export class AuditPageResponseDto {
  items!: AuditEntryResponseDto[];
  total!: number;
}

/** The result of recomputing the chain from its first entry. */
export class AuditVerificationResponseDto {
  ok!: boolean;
  /** Entries verified intact, in order, before the first broken one. */
  checked!: number;
  /** seq of the first entry that fails. */
  brokenAt!: number | null;
  /** hash_mismatch, prev_mismatch, seq_gap, …; null when ok. */
  reason!: string | null;
}
