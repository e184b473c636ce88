import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('files')
export class FileEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) storage!: 'local' | 's3';
  @Column({ name: 'storage_key' }) storageKey!: string;
  @Column({ name: 'file_name' }) fileName!: string;
  @Column({ name: 'mime_type' }) mimeType!: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) size!: number;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ name: 'call_id', type: 'uuid', nullable: true }) callId!: string | null;
  @Column({ name: 'application_id', type: 'uuid', nullable: true }) applicationId!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
