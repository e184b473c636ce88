import type { ExtensionStatus, NarrativeReportKind, NarrativeReportStatus } from '@grants/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** An interim or final report of a grant's reporting schedule (migrations/1796302800000-NarrativeReports.ts). */
@Entity('narrative_reports')
export class NarrativeReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'text' }) kind!: NarrativeReportKind;
  @Column({ name: 'period_start', type: 'date' }) periodStart!: string;
  @Column({ name: 'period_end', type: 'date' }) periodEnd!: string;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'extended_due_date', type: 'date', nullable: true }) extendedDueDate!: string | null;
  @Column({ type: 'text' }) status!: NarrativeReportStatus;
  @Column({ type: 'jsonb' }) content!: Record<string, unknown>;
  @Column({ name: 'expenditure_report_id', type: 'uuid', nullable: true }) expenditureReportId!: string | null;
  @Column({ name: 'submitted_version', type: 'integer' }) submittedVersion!: number;
  @Column({ type: 'char', length: 64, nullable: true }) sha256!: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy!: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy!: string | null;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The organisation's request for a later due date, granted or refused by the Secretariat. */
@Entity('report_extension_requests')
export class ReportExtensionRequestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId!: string;
  @Column({ name: 'requested_due_date', type: 'date' }) requestedDueDate!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text' }) status!: ExtensionStatus;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote!: string | null;
  @VersionColumn() version!: number;
}
