import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type AwardStatus } from '@grants/domain';

/** bigint cents: pg returns them as text; amounts stay below 2^53 cents (the call's envelope is checked), so a number is exact. */
const bigintToNumber = {
  to: (v: number) => v,
  from: (v: string | null) => {
    if (v === null) return null;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new RangeError(`An amount of ${v} cents is beyond what is counted exactly`);
    return n;
  },
};

/** The committee's decision on a call, or a later move-up from the reserve list. Frozen once written. */
@Entity('award_decisions')
export class AwardDecisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column() seq!: number;
  @Column({ type: 'text' }) kind!: 'decision' | 'move_up';
  @Column({ name: 'committee_members', type: 'text', array: true }) committeeMembers!: string[];
  @Column({ name: 'decided_on', type: 'date' }) decidedOn!: string;
  @Column({ name: 'envelope_cents', type: 'bigint', transformer: bigintToNumber }) envelopeCents!: number;
  @Column({ type: 'jsonb' }) snapshot!: Record<string, unknown>;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy!: string | null;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}

/**
 * What an applicant was awarded, or offered (less than it requested: it accepts or refuses); the grant agreement
 * starts from an award. Its status changes only through award-status.ts.
 */
@Entity('awards')
export class AwardEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ name: 'decision_id', type: 'uuid' }) decisionId!: string;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintToNumber }) amountCents!: number;
  @Column({ name: 'adjustment_reason', type: 'text', nullable: true }) adjustmentReason!: string | null;
  @Column({ type: 'text' }) status!: AwardStatus;
  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true }) declinedAt!: Date | null;
  @Column({ name: 'decline_reason', type: 'text', nullable: true }) declineReason!: string | null;
  /** When and by whom the organisation answered the offer (accepted or refused). */
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  @Column({ name: 'answered_by', type: 'uuid', nullable: true }) answeredBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
