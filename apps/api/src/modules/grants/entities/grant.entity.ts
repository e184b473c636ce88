import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type {
  ComputedBudget, GrantAmendmentKind, GrantAmendmentStatus, GrantLogframe, GrantSettings, GrantStatus, ScheduledReport, TrancheConditionKind, TrancheKind, TrancheStatus,
} from '@grants/domain';

export type { GrantStatus } from '@grants/domain';

/** bigint cents: pg returns them as text; amounts stay below 2^53 cents, so a number is exact. */
export const bigintToNumber = {
  to: (v: number) => v,
  from: (v: string | null) => {
    if (v === null) return null;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new RangeError(`An amount of ${v} cents is beyond what is counted exactly`);
    return n;
  },
};

/**
 * A grant: what an award in force becomes once its agreement is drawn up, for the awarded organisation, followed
 * by a monitor. It freezes the approved budget and logframe of the submission (or of the accepted revision), the
 * reporting schedule, the call's grant settings, the IBAN at signature and the agreement PDF's SHA-256. Its
 * status changes only through grant-status.ts.
 */
@Entity('grants')
export class GrantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'award_id', type: 'uuid' }) awardId!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'application_id', type: 'uuid', nullable: true }) applicationId!: string | null;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'monitor_id', type: 'uuid', nullable: true }) monitorId!: string | null;
  @Column({ name: 'agreement_number', type: 'text', nullable: true }) agreementNumber!: string | null;
  @Column({ name: 'call_seq', type: 'int', nullable: true }) callSeq!: number | null;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintToNumber }) amountCents!: number;
  @Column({ type: 'text' }) status!: GrantStatus;
  @Column({ name: 'start_date', type: 'date', nullable: true }) startDate!: string | null;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate!: string | null;
  @Column({ name: 'submission_sha256', type: 'char', length: 64, nullable: true }) submissionSha256!: string | null;
  @Column({ type: 'jsonb', nullable: true }) budget!: ComputedBudget | null;
  @Column({ type: 'jsonb', nullable: true }) logframe!: GrantLogframe | null;
  @Column({ name: 'reporting_schedule', type: 'jsonb' }) reportingSchedule!: ScheduledReport[];
  @Column({ type: 'jsonb' }) settings!: GrantSettings;
  @Column({ type: 'text', nullable: true }) iban!: string | null;
  @Column({ name: 'account_holder', type: 'text', nullable: true }) accountHolder!: string | null;
  @Column({ name: 'agreement_file_id', type: 'uuid', nullable: true }) agreementFileId!: string | null;
  @Column({ name: 'agreement_sha256', type: 'char', length: 64, nullable: true }) agreementSha256!: string | null;
  @Column({ name: 'agreement_language', type: 'text', nullable: true }) agreementLanguage!: 'en' | 'sq' | 'sr' | null;
  @Column({ name: 'signed_copy_file_id', type: 'uuid', nullable: true }) signedCopyFileId!: string | null;
  @Column({ name: 'signatory_name', type: 'text', nullable: true }) signatoryName!: string | null;
  @Column({ name: 'signatory_function', type: 'text', nullable: true }) signatoryFunction!: string | null;
  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true }) signedAt!: Date | null;
  @Column({ name: 'signed_by', type: 'uuid', nullable: true }) signedBy!: string | null;
  @Column({ name: 'countersigned_at', type: 'timestamptz', nullable: true }) countersignedAt!: Date | null;
  @Column({ name: 'countersigned_by', type: 'uuid', nullable: true }) countersignedBy!: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'drawn_up_by', type: 'uuid', nullable: true }) drawnUpBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The organisation's budget revised to a lowered award; the Secretariat accepts it before the agreement is drawn up. */
@Entity('grant_budget_revisions')
export class GrantBudgetRevisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'award_id', type: 'uuid' }) awardId!: string;
  @Column({ type: 'jsonb' }) budget!: { lines: unknown[]; coFinancingCents: number; indirectCostBp: number };
  @Column({ type: 'jsonb' }) computed!: ComputedBudget;
  @Column({ name: 'requested_cents', type: 'bigint', transformer: bigintToNumber }) requestedCents!: number;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy!: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
  @Column({ name: 'accepted_by', type: 'uuid', nullable: true }) acceptedBy!: string | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @VersionColumn() version!: number;
}

/** v1 (the agreement in force) and one per approved amendment: frozen, with the SHA-256 of its canonical text. */
@Entity('grant_versions')
export class GrantVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'jsonb' }) snapshot!: Record<string, unknown>;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'amendment_id', type: 'uuid', nullable: true }) amendmentId!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One tranche of a grant's schedule. Its status changes only through tranche-status.ts. */
@Entity('tranches')
export class TrancheEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'text' }) kind!: TrancheKind;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintToNumber }) amountCents!: number;
  @Column({ name: 'planned_date', type: 'date' }) plannedDate!: string;
  @Column({ name: 'period_start', type: 'date', nullable: true }) periodStart!: string | null;
  @Column({ name: 'period_end', type: 'date', nullable: true }) periodEnd!: string | null;
  @Column({ type: 'text', array: true }) conditions!: TrancheConditionKind[];
  @Column({ type: 'text' }) status!: TrancheStatus;
  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true }) requestedAt!: Date | null;
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy!: string | null;
  @Column({ name: 'expenditure_report_id', type: 'uuid', nullable: true }) expenditureReportId!: string | null;
  @Column({ name: 'document_file_ids', type: 'uuid', array: true }) documentFileIds!: string[];
  @Column({ name: 'request_note', type: 'text', nullable: true }) requestNote!: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt!: Date | null;
  @Column({ name: 'approved_by', type: 'uuid', nullable: true }) approvedBy!: string | null;
  @Column({ name: 'approved_on', type: 'date', nullable: true }) approvedOn!: string | null;
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true }) paidAt!: Date | null;
  @Column({ name: 'paid_on', type: 'date', nullable: true }) paidOn!: string | null;
  @Column({ name: 'paid_by', type: 'uuid', nullable: true }) paidBy!: string | null;
  @Column({ name: 'bank_reference', type: 'text', nullable: true }) bankReference!: string | null;
  @Column({ name: 'payment_order_id', type: 'uuid', nullable: true }) paymentOrderId!: string | null;
  @Column({ name: 'return_reason', type: 'text', nullable: true }) returnReason!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A day's approved tranches as sent to the bank (pain.001); frozen once written. */
@Entity('payment_orders')
export class PaymentOrderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'date' }) day!: string;
  @Column({ name: 'message_id', type: 'text' }) messageId!: string;
  @Column({ type: 'int' }) count!: number;
  @Column({ name: 'control_sum_cents', type: 'bigint', transformer: bigintToNumber }) controlSumCents!: number;
  @Column({ name: 'xml_sha256', type: 'char', length: 64 }) xmlSha256!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  /** Written by the service (whole seconds), since the pain.001's creation time is taken from it. */
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A request to change a grant in force (here: its bank account, with the bank's letter). Status through amendment-status.ts. */
@Entity('grant_amendments')
export class GrantAmendmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'text' }) kind!: GrantAmendmentKind;
  @Column({ type: 'text' }) status!: GrantAmendmentStatus;
  @Column({ type: 'jsonb' }) change!: Record<string, unknown>;
  @Column({ type: 'text' }) justification!: string;
  @Column({ name: 'bank_letter_file_id', type: 'uuid', nullable: true }) bankLetterFileId!: string | null;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason!: string | null;
  @Column({ name: 'version_id', type: 'uuid', nullable: true }) versionId!: string | null;
  /** A budget reallocation within the call's limit, applied at once without a decision. */
  @Column({ type: 'boolean', default: false }) notice!: boolean;
  /** A reallocation's classification as computed when requested (per heading). */
  @Column({ type: 'jsonb', nullable: true }) reallocation!: Record<string, unknown> | null;
  @Column({ name: 'addendum_file_id', type: 'uuid', nullable: true }) addendumFileId!: string | null;
  @Column({ name: 'addendum_sha256', type: 'char', length: 64, nullable: true }) addendumSha256!: string | null;
}
