import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintToNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintToNumber }) seq!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_email', type: 'text', nullable: true }) actorEmail!: string | null;
  /** Version 3: the actor's pseudonym (audit_pseudonyms), hashed instead of the id and the e-mail (both null). */
  @Column({ name: 'actor_pseudonym', type: 'text', nullable: true }) actorPseudonym!: string | null;
  @Column() action!: string;
  @Column() entity!: string;
  @Column({ name: 'entity_id', type: 'text', nullable: true }) entityId!: string | null;
  @Column() summary!: string;
  @Column({ name: 'prev_hash', type: 'char', length: 64 }) prevHash!: string;
  @Column({ type: 'char', length: 64 }) hash!: string;
  /** The rule the hash was computed under (libs/domain audit-chain: 1 left actor_email out, 2 covers every column, 3 hashes the actor's pseudonym and no personal data). */
  @Column({ name: 'hash_version', type: 'smallint' }) hashVersion!: number;
}
