import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { VisitReportContent, VisitReportStatus } from '@grants/domain';

/**
 * The report of one monitoring visit (made with the visit, so a phone syncing twice still makes one): its content
 * (libs/domain VisitReportContent), the rating repeated for the monitoring priority, the review, and once shared the
 * SHA-256 it is frozen with. Status through visit-report-status.ts.
 */
@Entity('visit_reports')
export class VisitReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'visit_id', type: 'uuid' }) visitId!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'text' }) status!: VisitReportStatus;
  @Column({ type: 'jsonb' }) content!: VisitReportContent;
  @Column({ type: 'smallint', nullable: true }) rating!: number | null;
  @Column({ type: 'char', length: 64, nullable: true }) sha256!: string | null;
  @Column({ name: 'review_comment', type: 'text', nullable: true }) reviewComment!: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy!: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy!: string | null;
  @Column({ name: 'shared_at', type: 'timestamptz', nullable: true }) sharedAt!: Date | null;
  @Column({ name: 'shared_by', type: 'uuid', nullable: true }) sharedBy!: string | null;
  @Column({ name: 'saved_by', type: 'uuid', nullable: true }) savedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
