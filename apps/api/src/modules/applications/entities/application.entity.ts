import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AdmissibilityAnswer, ApplicationContent, ApplicationStatus } from '@grants/domain';

const bigintToNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('applications')
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) status!: ApplicationStatus;
  @Column({ type: 'jsonb' }) content!: ApplicationContent;
  @Column({ name: 'requested_cents', type: 'bigint', transformer: bigintToNumber }) requestedCents!: number;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  @Column({ type: 'char', length: 64, nullable: true }) sha256!: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @VersionColumn() version!: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('application_attachments')
export class ApplicationAttachmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ name: 'requirement_id' }) requirementId!: string;
  @Column({ name: 'file_id', type: 'uuid' }) fileId!: string;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('application_submissions')
export class ApplicationSubmissionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column() seq!: number;
  @Column() reference!: string;
  @Column({ type: 'jsonb' }) snapshot!: Record<string, unknown>;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy!: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt!: Date | null;
}

@Entity('admissibility_checks')
export class AdmissibilityCheckEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ type: 'jsonb' }) answers!: AdmissibilityAnswer[];
  @Column({ type: 'text', array: true, default: '{}' }) flags!: string[];
  @Column({ type: 'text', nullable: true }) outcome!: 'admissible' | 'rejected' | 'incomplete' | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
