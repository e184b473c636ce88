import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintToNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintToNumber }) seq!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_email', type: 'text', nullable: true }) actorEmail!: string | null;
  @Column() action!: string;
  @Column() entity!: string;
  @Column({ name: 'entity_id', type: 'text', nullable: true }) entityId!: string | null;
  @Column() summary!: string;
  @Column({ name: 'prev_hash', type: 'char', length: 64 }) prevHash!: string;
  @Column({ type: 'char', length: 64 }) hash!: string;
  /** The rule the hash was computed under (libs/domain audit-chain: 1 left actor_email out, 2 covers every column). */
  @Column({ name: 'hash_version', type: 'smallint' }) hashVersion!: number;
}
