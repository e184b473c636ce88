import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ORG_DOCUMENT_KINDS } from '@grants/domain';

export type OrgDocumentKind = (typeof ORG_DOCUMENT_KINDS)[number];

@Entity('organization_documents')
export class OrganizationDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) kind!: OrgDocumentKind;
  @Column({ name: 'file_id', type: 'uuid' }) fileId!: string;
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true }) uploadedBy!: string | null;
  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' }) uploadedAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}
