import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Language, OrgRole, Role, Script } from '@grants/domain';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() email!: string;
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false }) passwordHash!: string | null;
  @Column({ name: 'full_name' }) fullName!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'text' }) language!: Language;
  @Column({ type: 'text' }) script!: Script;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ name: 'org_role', type: 'text', nullable: true }) orgRole!: OrgRole | null;
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true }) emailVerifiedAt!: Date | null;
  @Column({ default: true }) active!: boolean;
  @Column({ name: 'safeguarding_focal_point', default: false }) safeguardingFocalPoint!: boolean;
  @Column({ name: 'failed_logins', default: 0 }) failedLogins!: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt!: Date | null;
  /** When the first second factor was confirmed; null when the user has none (issue 14). */
  @Column({ name: 'second_factor_at', type: 'timestamptz', nullable: true }) secondFactorAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
