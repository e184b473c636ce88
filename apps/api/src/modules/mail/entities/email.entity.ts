import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EmailStatus = 'pending' | 'sent' | 'caught' | 'failed';

@Entity('emails')
export class EmailEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'dedupe_key' }) dedupeKey!: string;
  @Column({ name: 'to_address' }) toAddress!: string;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  @Column() template!: string;
  @Column() language!: string;
  @Column() subject!: string;
  @Column({ name: 'text_body' }) textBody!: string;
  @Column({ name: 'html_body' }) htmlBody!: string;
  @Column({ type: 'text', default: 'pending' }) status!: EmailStatus;
  @Column({ default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
