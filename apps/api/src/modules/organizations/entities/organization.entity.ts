import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'legal_name' }) legalName!: string;
  @Column({ type: 'text', nullable: true }) acronym!: string | null;
  @Column({ name: 'registration_number' }) registrationNumber!: string;
  @Column({ name: 'licence_number', type: 'text', nullable: true }) licenceNumber!: string | null;
  @Column({ name: 'licence_expiry', type: 'date', nullable: true }) licenceExpiry!: string | null;
  @Column() municipality!: string;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ name: 'contact_person', type: 'text', nullable: true }) contactPerson!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  @Column({ type: 'text', nullable: true }) iban!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
