import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CallDraft, CallStatus, InfoSessionStatus } from '@grants/domain';

@Entity('programmes')
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() name!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('calls')
export class CallEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'programme_id', type: 'uuid' }) programmeId!: string;
  @Column() reference!: string;
  @Column({ type: 'text' }) status!: CallStatus;
  @Column({ type: 'jsonb' }) definition!: CallDraft;
  @Column({ name: 'questions_deadline_at', type: 'timestamptz', nullable: true }) questionsDeadlineAt!: Date | null;
  @Column({ name: 'submission_deadline_at', type: 'timestamptz', nullable: true }) submissionDeadlineAt!: Date | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @VersionColumn() version!: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('call_amendments')
export class CallAmendmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column() reason!: string;
  @Column({ type: 'text', array: true }) fields!: string[];
  @Column({ type: 'jsonb' }) before!: CallDraft;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('call_documents')
export class CallDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ type: 'text' }) kind!: 'guidelines' | 'template' | 'other';
  @Column({ type: 'text', nullable: true }) language!: 'en' | 'sq' | 'sr' | null;
  @Column({ name: 'file_id', type: 'uuid' }) fileId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('call_questions')
export class CallQuestionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'asked_by', type: 'uuid' }) askedBy!: string;
  @Column() question!: string;
  @Column({ type: 'text', nullable: true }) answer!: string | null;
  @Column({ name: 'answered_by', type: 'uuid', nullable: true }) answeredBy!: string | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('call_followers')
export class CallFollowerEntity {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' }) callId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
}

@Entity('info_sessions')
export class InfoSessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ type: 'text', nullable: true }) place!: string | null;
  @Column({ name: 'online_link', type: 'text', nullable: true }) onlineLink!: string | null;
  @Column() capacity!: number;
  @Column({ type: 'text', default: 'planned' }) status!: InfoSessionStatus;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true }) cancelledBy!: string | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
