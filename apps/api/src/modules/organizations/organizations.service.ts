import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkIban, isMunicipalityCode, licenceStatus } from '@grants/domain';
import { DataSource, IsNull } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError, ErrorDetail } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { FileEntity } from '../files/entities/file.entity';
import { FilesService, Upload } from '../files/files.service';
import { NotificationsService } from '../notifications/notifications.service';
import { InvitationEntity } from '../users/entities/invitation.entity';
import { UserEntity } from '../users/entities/user.entity';
import { InvitationsService } from '../users/invitations.service';
import { InviteMemberDto, ListOrganizationsQuery, UpdateOrganizationDto } from './dtos/organization.dtos';
import { OrganizationDocumentEntity, OrgDocumentKind } from './entities/organization-document.entity';
import { OrganizationEntity } from './entities/organization.entity';
import { organizationsRepository } from './organizations.repository';

const EDITABLE = ['legalName', 'acronym', 'registrationNumber', 'licenceNumber', 'licenceExpiry', 'municipality', 'address',
  'contactPerson', 'phone', 'email', 'website', 'iban', 'description'] as const;
type Editable = (typeof EDITABLE)[number];

/** Today's date in Kosovo, where licences expire. */
const KOSOVO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade' }); // built once: a formatter costs ~0.2 ms to make
let kosovoDay = { minute: -1, date: '' };
/** Formatted at most once a minute (a format is ~12 µs, 1.3 % of a bare read of the organisation). */
export const todayInKosovo = () => {
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== kosovoDay.minute) kosovoDay = { minute, date: KOSOVO_DATE.format(new Date(minute * 60_000)) };
  return kosovoDay.date;
};

export function toOrganizationView(o: OrganizationEntity) {
  return {
    id: o.id, legalName: o.legalName, acronym: o.acronym, registrationNumber: o.registrationNumber,
    licenceNumber: o.licenceNumber, licenceExpiry: o.licenceExpiry, licence: licenceStatus(o.licenceExpiry, todayInKosovo()),
    municipality: o.municipality, address: o.address, contactPerson: o.contactPerson, phone: o.phone, email: o.email,
    website: o.website, iban: o.iban, description: o.description, version: o.version,
    createdAt: o.createdAt.toISOString(), updatedAt: o.updatedAt.toISOString(),
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly invitations: InvitationsService,
    private readonly notifications: NotificationsService,
  ) {}

  async mine(actor: AuthUser) {
    if (!actor.organizationId) throw AppError.notFound('organization');
    return this.get(actor, actor.organizationId);
  }

  async get(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'organization.read.own', [id]);
    const org = await organizationsRepository.byId(this.ds.manager, id);
    if (!org) throw AppError.notFound('organization');
    return toOrganizationView(org);
  }

  async list(actor: AuthUser, q: ListOrganizationsQuery) {
    await this.access.requireAccess(actor, 'organization.read.any', []);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.ds.getRepository(OrganizationEntity).createQueryBuilder('o').orderBy('o.legal_name');
    if (q.q) qb.where('(o.legal_name ILIKE :q OR o.acronym ILIKE :q OR o.registration_number ILIKE :q)', { q: `%${q.q}%` });
    const [items, total] = await qb.skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: items.map(toOrganizationView), total };
  }

  async update(actor: AuthUser, id: string, dto: UpdateOrganizationDto) {
    await this.access.requireAccess(actor, 'organization.update.own', [id]);
    const patch: Partial<Record<Editable, string | null>> = {};
    for (const k of EDITABLE) if (dto[k] !== undefined) patch[k] = typeof dto[k] === 'string' ? (dto[k] as string).trim() || null : null;
    if ('legalName' in patch && !patch.legalName) throw AppError.badRequest('legalName', 'required', 'The legal name is required');
    if ('registrationNumber' in patch && !patch.registrationNumber) throw AppError.badRequest('registrationNumber', 'required', 'The registration number is required');
    if ('municipality' in patch && !isMunicipalityCode(patch.municipality ?? '')) throw AppError.badRequest('municipality', 'enum', 'Choose one of the municipalities of Kosovo');
    if (patch.iban) {
      const r = checkIban(patch.iban);
      if (!r.valid) throw AppError.badRequest('iban', 'iban', 'The IBAN is not valid: check the country code, the length and the digits');
      patch.iban = r.normalized;
    }
    if (patch.website && !/^https?:\/\//i.test(patch.website)) patch.website = `https://${patch.website}`;

    return this.ds.transaction(async (m) => {
      const org = await m.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw AppError.notFound('organization');
      if (org.version !== dto.version) {
        const details: ErrorDetail[] = (Object.keys(patch) as Editable[])
          .filter((k) => (org[k] ?? null) !== (patch[k] ?? null))
          .map((k) => ({ field: k, code: 'version_conflict', message: `Someone else saved this profile after you opened it; the saved value is now: ${org[k] ?? '(empty)'}` }));
        throw AppError.conflict('version_conflict', 'Someone else saved this profile after you opened it. Reload to see their changes.', details.length ? details : [{ field: 'version', code: 'version_conflict', message: 'The profile has changed since you opened it' }]);
      }
      const changed = (Object.keys(patch) as Editable[]).filter((k) => (org[k] ?? null) !== (patch[k] ?? null));
      if (!changed.length) return toOrganizationView(org);
      Object.assign(org, patch);
      const saved = await m.save(org);
      await this.audit.record(m, actor, { action: 'organization.updated', entity: 'organization', entityId: id, summary: `Changed ${changed.join(', ')}` });
      return toOrganizationView(saved);
    });
  }

  async members(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'organization.read.own', [id]);
    const users = await this.ds.getRepository(UserEntity).find({ where: { organizationId: id }, order: { createdAt: 'ASC' } });
    const invitations = await this.ds.getRepository(InvitationEntity).find({
      where: { organizationId: id, acceptedAt: IsNull(), revokedAt: IsNull() }, order: { createdAt: 'DESC' },
    });
    return {
      members: users.map((u) => ({ userId: u.id, fullName: u.fullName, email: u.email, orgRole: u.orgRole, active: u.active })),
      invitations: invitations.filter((i) => i.expiresAt > new Date()).map((i) => ({ id: i.id, email: i.email, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })),
    };
  }

  async inviteMember(actor: AuthUser, id: string, dto: InviteMemberDto) {
    await this.access.requireAccess(actor, 'organization.members.invite', [id]);
    return this.ds.transaction(async (m) => {
      const org = await m.findOneByOrFail(OrganizationEntity, { id });
      const inv = await this.invitations.invite(m, actor, { email: dto.email, role: 'applicant', language: dto.language, organization: { id, name: org.legalName, orgRole: 'member' } });
      const others = await m.find(UserEntity, { where: { organizationId: id, active: true } });
      await this.notifications.notify(m, {
        recipients: others.filter((u) => u.id !== actor.id), kind: 'organization.member_invited',
        params: { inviter: actor.fullName, email: inv.email, organization: org.legalName }, link: '/organization/members', eventKey: `member-invited:${inv.id}`,
      });
      return { id: inv.id, email: inv.email, expiresAt: inv.expiresAt.toISOString() };
    });
  }

  async revokeMemberInvitation(actor: AuthUser, id: string, invitationId: string) {
    await this.access.requireAccess(actor, 'organization.members.invite', [id]);
    await this.ds.transaction(async (m) => {
      const inv = await m.findOneBy(InvitationEntity, { id: invitationId, organizationId: id });
      if (!inv) throw AppError.notFound('invitation');
      await this.invitations.revoke(m, actor, inv);
    });
  }

  async removeMember(actor: AuthUser, id: string, userId: string) {
    await this.access.requireAccess(actor, 'organization.members.invite', [id]);
    await this.ds.transaction(async (m) => {
      const user = await m.findOneBy(UserEntity, { id: userId, organizationId: id });
      if (!user) throw AppError.notFound('member');
      if (user.orgRole === 'owner') {
        const owners = await m.count(UserEntity, { where: { organizationId: id, orgRole: 'owner', active: true } });
        if (owners <= 1 || user.id === actor.id) throw AppError.badRequest('userId', 'last_owner', 'The organisation must keep at least one owner');
      }
      await m.update(UserEntity, { id: user.id }, { active: false });
      await m.query(`DELETE FROM sessions WHERE sess->'passport'->>'user' = $1`, [user.id]);
      await this.audit.record(m, actor, { action: 'organization.member_removed', entity: 'organization', entityId: id, summary: `Removed ${user.email}` });
    });
  }

  async documents(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'organization.read.own', [id]);
    const rows = await this.ds.getRepository(OrganizationDocumentEntity).createQueryBuilder('d')
      .innerJoinAndMapOne('d.file', FileEntity, 'f', 'f.id = d.file_id')
      .where('d.organization_id = :id AND d.deleted_at IS NULL', { id }).orderBy('d.uploaded_at', 'DESC').getMany();
    return rows.map((d) => toDocumentView(d, (d as OrganizationDocumentEntity & { file: FileEntity }).file));
  }

  async uploadDocument(actor: AuthUser, id: string, kind: OrgDocumentKind, upload: Upload | undefined) {
    await this.access.requireAccess(actor, 'organization.documents.manage', [id]);
    return this.ds.transaction(async (m) => {
      const org = await m.findOneByOrFail(OrganizationEntity, { id });
      const file = await this.files.store(m, upload, { organizationId: id, userId: actor.id });
      const doc = await m.save(m.create(OrganizationDocumentEntity, { organizationId: id, kind, fileId: file.id, uploadedBy: actor.id }));
      await this.audit.record(m, actor, { action: 'organization.document_uploaded', entity: 'organization', entityId: id, summary: `Uploaded ${kind}: ${file.fileName} (sha256 ${file.sha256})` });
      const others = await m.find(UserEntity, { where: { organizationId: id, active: true } });
      await this.notifications.notify(m, {
        recipients: others.filter((u) => u.id !== actor.id), kind: 'organization.document_uploaded',
        params: { name: actor.fullName, fileName: file.fileName, organization: org.legalName }, link: '/organization/documents', eventKey: `document:${doc.id}`,
      });
      return toDocumentView(doc, file);
    });
  }

  async deleteDocument(actor: AuthUser, id: string, documentId: string) {
    await this.access.requireAccess(actor, 'organization.documents.manage', [id]);
    await this.ds.transaction(async (m) => {
      const doc = await m.findOneBy(OrganizationDocumentEntity, { id: documentId, organizationId: id, deletedAt: IsNull() });
      if (!doc) throw AppError.notFound('document');
      await m.update(OrganizationDocumentEntity, { id: doc.id }, { deletedAt: new Date() });
      await this.audit.record(m, actor, { action: 'organization.document_deleted', entity: 'organization', entityId: id, summary: `Removed document ${doc.kind} (${doc.fileId})` });
    });
  }
}

function toDocumentView(d: OrganizationDocumentEntity, f: FileEntity) {
  return {
    id: d.id, kind: d.kind, fileId: f.id, fileName: f.fileName, size: f.size, mimeType: f.mimeType, sha256: f.sha256,
    uploadedAt: d.uploadedAt.toISOString(), uploadedBy: d.uploadedBy,
  };
}
