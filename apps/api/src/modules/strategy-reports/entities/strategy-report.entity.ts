import type { StrategyReportKind, StrategyReportStatus } from '@grants/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** The Secretariat's 6-month or annual report on the National Strategy (migrations/1796311000000-StrategyReports.ts). */
@Entity('strategy_reports')
export class StrategyReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: StrategyReportKind;
  @Column({ name: 'period_start', type: 'date' }) periodStart!: string;
  @Column({ name: 'period_end', type: 'date' }) periodEnd!: string;
  @Column({ type: 'text' }) status!: StrategyReportStatus;
  @Column({ type: 'jsonb' }) figures!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) narrative!: Record<string, unknown>;
  @Column({ name: 'drafted_at', type: 'timestamptz' }) draftedAt!: Date;
  @Column({ type: 'char', length: 64, nullable: true }) sha256!: string | null;
  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true }) issuedAt!: Date | null;
  @Column({ name: 'issued_by', type: 'uuid', nullable: true }) issuedBy!: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
