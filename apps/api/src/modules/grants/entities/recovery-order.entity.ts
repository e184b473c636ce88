import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { FinalBalance, RecoveryOrderStatus } from '@grants/domain';
import { bigintToNumber } from './grant.entity';

/**
 * A recovery order: what the organisation repays when the final balance found more paid than eligible (one per
 * grant), repaid in one or more transfers (recovery_repayments, appended) until settled. Status through
 * grant-status.ts changeRecoveryOrderStatus.
 */
@Entity('recovery_orders')
export class RecoveryOrderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'text' }) number!: string;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintToNumber }) amountCents!: number;
  @Column({ name: 'repaid_cents', type: 'bigint', transformer: bigintToNumber }) repaidCents!: number;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ type: 'text' }) status!: RecoveryOrderStatus;
  @Column({ name: 'final_balance', type: 'jsonb' }) finalBalance!: FinalBalance;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
