import type { INestApplicationContext } from '@nestjs/common';
import { demoCallDraft, type LocalizedText } from '@grants/domain';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../modules/applications/applications.service';
import { CallsService } from '../modules/calls/calls.service';
import { CallEntity } from '../modules/calls/entities/call.entity';
import { hashPassword } from '../modules/auth/passwords';
import { OrganizationEntity } from '../modules/organizations/entities/organization.entity';
import { UserEntity } from '../modules/users/entities/user.entity';
import { toAuthUser } from '../modules/users/user-view';
import { demoApplicationContent } from './demo-application';

const REQUIRED_ATTACHMENTS: { id: string; title: LocalizedText }[] = [
  { id: 'budget_annex', title: { en: 'Budget annex (signed)', sq: 'Aneksi i buxhetit (i nënshkruar)', sr: 'Aneks budžeta (potpisan)' } },
];

/** Other CSOs of the demo, each with a submitted application on the closed call. */
const OTHER_CSOS = [
  { legalName: 'Zëri i Grave – Gjakovë', registrationNumber: '5110456-2', municipality: 'gjakova', email: 'zeri@demo.grants.test' },
  { legalName: 'Centar za pravnu pomoć – Gračanica', registrationNumber: '5110789-5', municipality: 'gracanica', email: 'centar@demo.grants.test' },
  { legalName: 'Rrjeti i Strehimoreve – Pejë', registrationNumber: '5110321-8', municipality: 'peja', email: 'rrjeti@demo.grants.test' },
];

function definitionOf(reference: string, publicationAt: string) {
  const { reference: _r, documents: _d, ...definition } = { ...demoCallDraft(publicationAt, reference), requiredAttachments: REQUIRED_ATTACHMENTS };
  return definition;
}

/**
 * Demo calls through the same services the API uses: an open call MF-C3-2026-01 with the demo CSO's draft,
 * and a closed call MF-C3-2026-00 with submitted applications waiting for the admissibility check.
 */
export async function seedDemoCalls(app: INestApplicationContext, ds: DataSource) {
  if (await ds.getRepository(CallEntity).existsBy({ reference: 'MF-C3-2026-01' })) return;
  const calls = app.get(CallsService);
  const applications = app.get(ApplicationsService);
  const officer = toAuthUser(await ds.getRepository(UserEntity).findOneByOrFail({ email: 'officer@demo.grants.test' }));
  const cso = toAuthUser(await ds.getRepository(UserEntity).findOneByOrFail({ email: 'cso@demo.grants.test' }));
  const now = new Date().toISOString();

  // the earlier call, closed now, with submissions
  const closed = await calls.create(officer, { reference: 'MF-C3-2026-00', title: { en: 'Pilot call: shelter and reintegration services', sq: 'Thirrja pilot: shërbime strehimi dhe riintegrimi', sr: 'Pilot poziv: usluge skloništa i reintegracije' } });
  const closedDef = definitionOf('MF-C3-2026-00', now);
  closedDef.texts.title = closed.definition.texts.title;
  const c1 = await calls.update(officer, closed.id, { definition: closedDef as never, version: closed.version });
  await calls.publish(officer, closed.id, c1.version);
  const passwordHash = await hashPassword('demo-applicant-2026');
  for (const [i, o] of OTHER_CSOS.entries()) {
    const org = await ds.getRepository(OrganizationEntity).save(ds.getRepository(OrganizationEntity).create({
      legalName: o.legalName, registrationNumber: o.registrationNumber, municipality: o.municipality,
      iban: i === 2 ? 'XK051212012345678906' : null, // shares the demo CSO's IBAN: the admissibility check flags it
      licenceNumber: `MPMS-${i}`, licenceExpiry: '2027-12-31',
    }));
    const user = await ds.getRepository(UserEntity).save(ds.getRepository(UserEntity).create({
      email: o.email, fullName: o.legalName.split(' – ')[0], role: 'applicant', orgRole: 'owner', organizationId: org.id,
      language: i === 1 ? 'sr' : 'sq', script: 'latin', passwordHash, emailVerifiedAt: new Date(),
    }));
    const actor = toAuthUser(user);
    let a = await applications.create(actor, closed.id);
    a = await applications.save(actor, a.id, a.version, demoApplicationContent('2027-02-01', i + 1) as never);
    a = await applications.addAttachment(actor, a.id, 'budget_annex', { originalname: 'budget-annex.pdf', buffer: Buffer.from(`%PDF-1.4\n% demo annex ${i}\n%%EOF\n`), size: 30 });
    await applications.submit(actor, a.id, a.version);
  }
  await ds.query(`UPDATE calls SET submission_deadline_at = now() - interval '1 day', questions_deadline_at = now() - interval '10 days' WHERE id = $1`, [closed.id]);
  await ds.transaction(async (m) => {
    const call = await m.findOneByOrFail(CallEntity, { id: closed.id });
    await calls.moveTo(m, { id: officer.id, email: officer.email }, call, 'closed');
  });

  // the open call, with the demo CSO's draft half filled in
  const open = await calls.create(officer, { reference: 'MF-C3-2026-01', title: { en: '', sq: '', sr: '' } });
  const openDef = definitionOf('MF-C3-2026-01', now);
  const o1 = await calls.update(officer, open.id, { definition: openDef as never, version: open.version });
  await calls.publish(officer, open.id, o1.version);
  const draft = await applications.create(cso, open.id);
  const content = demoApplicationContent('2027-03-01');
  await applications.save(cso, draft.id, draft.version, { project: content.project, logframe: content.logframe, budget: content.budget } as never);
}
