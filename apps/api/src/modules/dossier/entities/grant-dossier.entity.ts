import type { DossierStatus } from '@grants/domain';
import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One requested auditor's dossier of a grant (migrations/1796312000000-GrantDossiers.ts). The status only through dossier-status.ts. */
@Entity('grant_dossiers')
export class GrantDossierEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'grant_id', type: 'uuid' }) grantId!: string;
  @Column({ type: 'text' }) status!: DossierStatus;
  @Column({ name: 'progress_done', type: 'integer' }) progressDone!: number;
  @Column({ name: 'progress_total', type: 'integer' }) progressTotal!: number;
  @Column({ name: 'file_id', type: 'uuid', nullable: true }) fileId!: string | null;
  @Column({ type: 'char', length: 64, nullable: true }) sha256!: string | null;
  @Column({ name: 'manifest_sha256', type: 'char', length: 64, nullable: true }) manifestSha256!: string | null;
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber }) size!: number | null;
  @Column({ name: 'file_count', type: 'integer', nullable: true }) fileCount!: number | null;
  @Column({ name: 'audit_rows', type: 'integer', nullable: true }) auditRows!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
