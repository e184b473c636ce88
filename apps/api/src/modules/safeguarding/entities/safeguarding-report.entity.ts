import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SafeguardingCategory, SafeguardingOutcome, SafeguardingStatus } from '@grants/domain';

/** One safeguarding concern (migrations/1796320000000-SafeguardingReports.ts); its content only sealed (safeguarding-crypto.ts). The status only through safeguarding-status.ts. */
@Entity('safeguarding_reports')
export class SafeguardingReportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text' }) status!: SafeguardingStatus;
  @Column({ type: 'text', nullable: true }) outcome!: SafeguardingOutcome | null;
  @Column({ type: 'text' }) category!: SafeguardingCategory;
  @Column({ type: 'bytea' }) content!: Buffer;
  @Column({ name: 'reporter_email', type: 'bytea', nullable: true }) reporterEmail!: Buffer | null;
  @Column({ name: 'follow_up_hash', type: 'char', length: 64 }) followUpHash!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One message between the focal points and the reporter; its body sealed. */
@Entity('safeguarding_messages')
export class SafeguardingMessageEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId!: string;
  @Column({ type: 'text' }) author!: 'reporter' | 'focal_point';
  @Column({ name: 'author_user_id', type: 'uuid', nullable: true }) authorUserId!: string | null;
  @Column({ type: 'bytea' }) body!: Buffer;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
