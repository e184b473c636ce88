import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Delivery } from '@grants/domain';

@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column() kind!: string;
  @Column({ type: 'jsonb', default: {} }) params!: Record<string, string | number | null>;
  @Column({ type: 'text', nullable: true }) link!: string | null;
  @Column({ name: 'dedupe_key' }) dedupeKey!: string;
  @Column({ name: 'email_delivery', type: 'text' }) emailDelivery!: 'now' | 'digest' | 'none';
  @Column({ name: 'digested_at', type: 'timestamptz', nullable: true }) digestedAt!: Date | null;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn() kind!: string;
  @Column({ type: 'text' }) delivery!: Delivery;
}
