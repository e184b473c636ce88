import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** The states of a grant agreement, as the database's CHECK has them. */
export type GrantStatus = 'draft' | 'sent_for_signature' | 'signed_by_organization' | 'in_force' | 'suspended' | 'closed' | 'terminated';

const bigintToNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * A grant: what an award becomes once its agreement is drawn up, for the awarded organisation, followed by a
 * monitor. Minimal for now (record access is checked against it); issue 10 extends it with the agreement's
 * dates, approved budget and logframe, tranches and reporting schedule. Its status changes only through the
 * grant's state function, which issue 10 adds.
 */
@Entity('grants')
export class GrantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'award_id', type: 'uuid' }) awardId!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'monitor_id', type: 'uuid', nullable: true }) monitorId!: string | null;
  @Column({ name: 'agreement_number', type: 'text', nullable: true }) agreementNumber!: string | null;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintToNumber }) amountCents!: number;
  @Column({ type: 'text' }) status!: GrantStatus;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
