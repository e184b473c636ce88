import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ExpenditureLine, ExpenditureReportStatus } from '@grants/domain';
import { bigintToNumber } from './grant.entity';

/**
 * An expenditure report of a grant for one period: spent per approved budget line (`lines`, their total in
 * `spentCents`), its supporting documents, and the Secretariat's review (comments per line, the return comment).
 * Status through expenditure-status.ts.
 */
@Entity('expenditure_reports')
export class ExpenditureReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ name: 'period_start', type: 'date' }) periodStart!: string;
  @Column({ name: 'period_end', type: 'date' }) periodEnd!: string;
  @Column({ type: 'jsonb' }) lines!: ExpenditureLine[];
  @Column({ name: 'spent_cents', type: 'bigint', transformer: bigintToNumber }) spentCents!: number;
  @Column({ type: 'text' }) status!: ExpenditureReportStatus;
  @Column({ name: 'document_file_ids', type: 'uuid', array: true }) documentFileIds!: string[];
  @Column({ name: 'line_comments', type: 'jsonb' }) lineComments!: Record<string, string>;
  @Column({ name: 'return_comment', type: 'text', nullable: true }) returnComment!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy!: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
