import type { OrgRole, Role } from '@grants/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../modules/audit/audit.service';
import { hashPassword } from '../modules/auth/passwords';
import { OrganizationEntity } from '../modules/organizations/entities/organization.entity';
import { UserEntity } from '../modules/users/entities/user.entity';

export type DemoLogin = { role: string; email: string; password: string };

/** Demo accounts for every role; the passwords are printed by `npm start` and written in the README. */
export const DEMO_USERS: { email: string; fullName: string; role: Role; orgRole?: OrgRole; password: string; language: 'en' | 'sq' | 'sr' }[] = [
  { email: 'admin@demo.grants.test', fullName: 'Arta Krasniqi', role: 'secretariat_admin', password: 'demo-admin-2026', language: 'en' },
  { email: 'officer@demo.grants.test', fullName: 'Besnik Gashi', role: 'secretariat', password: 'demo-officer-2026', language: 'sq' },
  { email: 'evaluator1@demo.grants.test', fullName: 'Elena Papadopoulou', role: 'evaluator', password: 'demo-evaluator-2026', language: 'en' },
  { email: 'evaluator2@demo.grants.test', fullName: 'Milica Jovanović', role: 'evaluator', password: 'demo-evaluator-2026', language: 'sr' },
  { email: 'evaluator3@demo.grants.test', fullName: 'Driton Berisha', role: 'evaluator', password: 'demo-evaluator-2026', language: 'sq' },
  { email: 'monitor@demo.grants.test', fullName: 'Luan Hoxha', role: 'monitor', password: 'demo-monitor-2026', language: 'sq' },
  { email: 'observer@demo.grants.test', fullName: 'EU Office Observer', role: 'observer', password: 'demo-observer-2026', language: 'en' },
  { email: 'cso@demo.grants.test', fullName: 'Drita Morina', role: 'applicant', orgRole: 'owner', password: 'demo-applicant-2026', language: 'sq' },
  { email: 'cso.member@demo.grants.test', fullName: 'Agon Shala', role: 'applicant', orgRole: 'member', password: 'demo-applicant-2026', language: 'sq' },
];

export const DEMO_ORGANIZATION = {
  legalName: 'Qendra për Mbrojtjen e Viktimave – Shpresa',
  acronym: 'QMV Shpresa',
  registrationNumber: '5110123-4',
  licenceNumber: 'MPMS-SH-2024-117',
  licenceExpiry: '2027-03-31',
  municipality: 'prishtina',
  address: 'Rr. Agim Ramadani 15, 10000 Prishtinë',
  contactPerson: 'Drita Morina',
  phone: '+383 38 555 010',
  email: 'info@shpresa.example.org',
  website: 'https://shpresa.example.org',
  iban: 'XK051212012345678906',
  description:
    'Licensed shelter and reintegration provider since 2009: psychosocial counselling, legal aid, vocational training and job placement for victims and presumed victims of trafficking, in cooperation with the municipal social-work centres.',
};

export async function seedDemo(ds: DataSource): Promise<DemoLogin[]> {
  const audit = new AuditService(ds);
  await ds.transaction(async (m) => {
    let org = await m.findOneBy(OrganizationEntity, { registrationNumber: DEMO_ORGANIZATION.registrationNumber });
    if (!org) {
      org = await m.save(m.create(OrganizationEntity, DEMO_ORGANIZATION));
      await audit.record(m, { id: null, email: 'seed' }, { action: 'organization.registered', entity: 'organization', entityId: org.id, summary: `Demo data: ${org.legalName}` });
    }
    for (const u of DEMO_USERS) {
      const exists = await m.createQueryBuilder(UserEntity, 'u').where('lower(u.email) = :e', { e: u.email }).getExists();
      if (exists) continue;
      const user = await m.save(m.create(UserEntity, {
        email: u.email, fullName: u.fullName, role: u.role, language: u.language, script: 'latin',
        passwordHash: await hashPassword(u.password), emailVerifiedAt: new Date(),
        organizationId: u.role === 'applicant' ? org.id : null, orgRole: u.orgRole ?? null,
      }));
      await audit.record(m, { id: null, email: 'seed' }, { action: 'user.created', entity: 'user', entityId: user.id, summary: `Demo data: ${u.email} (${u.role})` });
    }
  });
  return DEMO_USERS.map((u) => ({ role: u.orgRole ? `${u.role} (${u.orgRole})` : u.role, email: u.email, password: u.password }));
}
