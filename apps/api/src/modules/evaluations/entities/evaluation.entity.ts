import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AssignmentStatus, Language, SheetComments, SheetScores } from '@grants/domain';

const numericToNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** An evaluator in the pool of a call. */
@Entity('call_evaluators')
export class CallEvaluatorEntity {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' }) callId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'added_by', type: 'uuid', nullable: true }) addedBy!: string | null;
  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' }) addedAt!: Date;
}

/** The declaration of impartiality and confidentiality an evaluator signed for a call. */
@Entity('evaluator_declarations')
export class EvaluatorDeclarationEntity {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' }) callId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) language!: Language;
  @Column({ name: 'text_sha256', type: 'char', length: 64 }) textSha256!: string;
  @CreateDateColumn({ name: 'signed_at', type: 'timestamptz' }) signedAt!: Date;
}

export type AssignmentOrigin = 'automatic' | 'manual' | 'replacement' | 'divergence';

/** One evaluator on one application; the scoring sheet is part of it. */
@Entity('evaluation_assignments')
export class EvaluationAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ name: 'evaluator_id', type: 'uuid' }) evaluatorId!: string;
  @Column({ type: 'text' }) status!: AssignmentStatus;
  @Column({ type: 'text' }) origin!: AssignmentOrigin;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt!: Date | null;
  @Column({ name: 'conflict_reason', type: 'text', nullable: true }) conflictReason!: string | null;
  @Column({ name: 'conflict_at', type: 'timestamptz', nullable: true }) conflictAt!: Date | null;
  @Column({ type: 'jsonb' }) scores!: SheetScores;
  @Column({ type: 'jsonb' }) comments!: SheetComments;
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true, transformer: numericToNumber }) total!: number | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @VersionColumn() version!: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
