import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ActionPointOwner, ActionPointPriority, ActionPointStatus } from '@grants/domain';

/**
 * An action point of a visit report: written with the report while it is editable, live once the report is
 * shared (then listed, reminded and counted). Status through action-point-status.ts.
 */
@Entity('action_points')
export class ActionPointEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'text' }) what!: string;
  @Column({ type: 'text' }) owner!: ActionPointOwner;
  @Column({ type: 'text' }) priority!: ActionPointPriority;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ type: 'text' }) status!: ActionPointStatus;
  @Column({ type: 'boolean' }) live!: boolean;
  @Column({ type: 'text', nullable: true }) answer!: string | null;
  @Column({ name: 'evidence_file_ids', type: 'uuid', array: true }) evidenceFileIds!: string[];
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  @Column({ name: 'answered_by', type: 'uuid', nullable: true }) answeredBy!: string | null;
  @Column({ name: 'reopen_reason', type: 'text', nullable: true }) reopenReason!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy!: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
