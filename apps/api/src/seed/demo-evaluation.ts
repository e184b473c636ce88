import type { INestApplicationContext } from '@nestjs/common';
import { admissibilityItems, demoCallDraft, demoEuGrid, type LocalizedText } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { ApplicationsService } from '../modules/applications/applications.service';
import { hashPassword } from '../modules/auth/passwords';
import { CallsService } from '../modules/calls/calls.service';
import { CallEntity } from '../modules/calls/entities/call.entity';
import { AwardsService } from '../modules/awards/awards.service';
import { AssignmentsService } from '../modules/evaluations/assignments.service';
import { EvaluationPoolService } from '../modules/evaluations/evaluation-pool.service';
import { RankingService } from '../modules/evaluations/ranking.service';
import { ScoringService } from '../modules/evaluations/scoring.service';
import { OrganizationEntity } from '../modules/organizations/entities/organization.entity';
import { UserEntity } from '../modules/users/entities/user.entity';
import { toAuthUser } from '../modules/users/user-view';
import { demoApplicationContent } from './demo-application';

export const DECIDED_CALL = 'MF-C3-2025-01';
export const EVALUATION_CALL = 'MF-C3-2026-02';

const GRID = demoEuGrid();

/** The comments an evaluator writes, by how good they found the proposal. */
const COMMENTS: Record<'strong' | 'fair' | 'weak', Record<string, string>> = {
  strong: {
    capacity: 'Ten years running a licensed shelter; audited accounts for the last three years; case managers trained in the national referral mechanism.',
    relevance: 'Addresses priority 1 of the call directly; the needs assessment cites the 2025 victim data of the municipality.',
    effectiveness: 'Activities follow from the results; the work plan is realistic; indicators have baselines and sources.',
    sustainability: 'The municipality co-finances the shelter from 2028; the reintegration model is documented for replication.',
    budget: 'Unit costs are in line with the market; staff costs are justified by the case load.',
  },
  fair: {
    capacity: 'Adequate team, but limited experience with projects of this size.',
    relevance: 'Relevant to the call, though the target group is described in general terms.',
    effectiveness: 'Some activities lack a clear link to the expected results; indicators at outcome level are weak.',
    sustainability: 'Continuation after the grant depends on further donor funding.',
    budget: 'Reasonable overall; the equipment line is high for the activities described.',
  },
  weak: {
    capacity: 'No audited accounts; the organisation has not yet managed a grant of this size.',
    relevance: 'Only partly related to the priorities of the call.',
    effectiveness: 'The work plan is not consistent with the activities; no baselines.',
    sustainability: 'No plan for after the grant.',
    budget: 'Several costs are not explained.',
  },
};

/** A sheet at a share of each criterion's maximum, with the comments that go with it. */
function sheetAt(share: number) {
  const scores: Record<string, number> = {};
  for (const s of GRID.sections) for (const c of s.criteria) scores[c.id] = Math.min(c.maxPoints, Math.round(c.maxPoints * share));
  const comments = COMMENTS[share >= 0.78 ? 'strong' : share >= 0.55 ? 'fair' : 'weak'];
  return { scores, comments: { ...comments } };
}

const t = (en: string, sq: string, sr: string): LocalizedText => ({ en, sq, sr });

/** CSOs that applied to the first call of 2025 besides the ones seeded with the calls. */
const MORE_CSOS = [
  { legalName: 'Shpresa dhe Shtëpi – Prizren', registrationNumber: '5110654-1', municipality: 'prizren', email: 'shpresa@demo.grants.test', language: 'sq' as const },
  { legalName: 'Nova Šansa – Mitrovica North', registrationNumber: '5110987-3', municipality: 'mitrovica-north', email: 'novasansa@demo.grants.test', language: 'sr' as const },
];

async function actorByEmail(ds: DataSource, email: string): Promise<AuthUser> {
  return toAuthUser(await ds.getRepository(UserEntity).findOneByOrFail({ email }));
}

/**
 * Demo data for evaluation, through the same services as the API:
 * - MF-C3-2025-01, evaluated by the three demo evaluators and decided: three awards, a reserve list and an
 *   application below the capacity threshold; every CSO can read its letter (the demo CSO was awarded);
 * - MF-C3-2026-02, in evaluation: Driton Berisha (evaluator3) has submitted his sheets; Elena Papadopoulou
 *   (evaluator1, English) and Milica Jovanović (evaluator2, Serbian) have not yet signed the declaration, so a
 *   newcomer can sign, score and submit as them and then record the decision as the Secretariat.
 */
export async function seedDemoEvaluation(app: INestApplicationContext, ds: DataSource) {
  if (await ds.getRepository(CallEntity).existsBy({ reference: DECIDED_CALL })) return;
  const calls = app.get(CallsService);
  const applications = app.get(ApplicationsService);
  const pool = app.get(EvaluationPoolService);
  const assignments = app.get(AssignmentsService);
  const scoring = app.get(ScoringService);
  const rankings = app.get(RankingService);
  const awards = app.get(AwardsService);
  const officer = await actorByEmail(ds, 'officer@demo.grants.test');
  const evaluators = await Promise.all([1, 2, 3].map((i) => actorByEmail(ds, `evaluator${i}@demo.grants.test`)));

  const passwordHash = await hashPassword('demo-applicant-2026');
  for (const o of MORE_CSOS) {
    if (await ds.getRepository(UserEntity).existsBy({ email: o.email })) continue;
    const org = await ds.getRepository(OrganizationEntity).save(ds.getRepository(OrganizationEntity).create({
      legalName: o.legalName, registrationNumber: o.registrationNumber, municipality: o.municipality, licenceNumber: `MPMS-${o.registrationNumber}`, licenceExpiry: '2028-06-30',
    }));
    await ds.getRepository(UserEntity).save(ds.getRepository(UserEntity).create({
      email: o.email, fullName: o.legalName.split(' – ')[0], role: 'applicant', orgRole: 'owner', organizationId: org.id,
      language: o.language, script: 'latin', passwordHash, emailVerifiedAt: new Date(),
    }));
  }

  /** A published call whose applicants submit, then closed and checked admissible. */
  async function callWithApplications(reference: string, title: LocalizedText, applicantEmails: string[], envelopeCents: number, reserveListSize: number) {
    const created = await calls.create(officer, { reference, title });
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    definition.texts.title = title;
    definition.budgetEnvelopeCents = envelopeCents;
    definition.reserveListSize = reserveListSize;
    const saved = await calls.update(officer, created.id, { definition: definition as never, version: created.version });
    await calls.publish(officer, created.id, saved.version);
    const ids: string[] = [];
    for (const [i, email] of applicantEmails.entries()) {
      const actor = await actorByEmail(ds, email);
      let a = await applications.create(actor, created.id);
      a = await applications.save(actor, a.id, a.version, demoApplicationContent('2027-03-01', i) as never);
      await applications.submit(actor, a.id, a.version);
      ids.push(a.id);
    }
    // a fixture: the call's deadline moved into the past so the demo can close it (its status still changes through call-status.ts)
    await ds.query(`UPDATE calls SET submission_deadline_at = now() - interval '20 days', questions_deadline_at = now() - interval '30 days' WHERE id = $1`, [created.id]);
    await ds.transaction(async (m) => calls.moveTo(m, { id: officer.id, email: officer.email }, await m.findOneByOrFail(CallEntity, { id: created.id }), 'closed'));
    const items = admissibilityItems(definition.eligibilityQuestions);
    for (const id of ids) await applications.admissibility(officer, id, { answers: items.map((it) => ({ itemId: it.id, passed: true })), decide: true } as never);
    for (const e of evaluators) await pool.addToPool(officer, created.id, { userId: e.id });
    return { callId: created.id, applicationIds: ids };
  }

  async function score(e: AuthUser, callId: string, shareOf: (applicationId: string) => number) {
    const mine = await scoring.myAssignments(e, callId);
    for (const item of (mine.items as { id: string; status: string }[]).filter((x) => x.status === 'assigned' || x.status === 'accepted')) {
      let a = await scoring.assignment(e, item.id);
      if (a.status === 'assigned') a = (await scoring.declareConflict(e, item.id, { conflict: false })) as typeof a;
      const saved = await scoring.saveSheet(e, item.id, { ...sheetAt(shareOf(a.application.id)), version: a.version });
      await scoring.submitSheet(e, item.id, saved.version);
    }
  }

  // 1. the decided call of 2025
  const decidedApplicants = ['cso@demo.grants.test', 'zeri@demo.grants.test', 'centar@demo.grants.test', 'rrjeti@demo.grants.test', 'shpresa@demo.grants.test', 'novasansa@demo.grants.test'];
  const decided = await callWithApplications(DECIDED_CALL, t(
    'First call 2025: protection and reintegration of victims of trafficking',
    'Thirrja e parë 2025: mbrojtja dhe riintegrimi i viktimave të trafikimit',
    'Prvi poziv 2025: zaštita i reintegracija žrtava trgovine ljudima',
  ), decidedApplicants, 13_000_000, 1);
  // how good each proposal is: three fundable within €130,000, one on the reserve list (of one), one past it, one below the capacity threshold
  const quality = [0.9, 0.84, 0.8, 0.74, 0.68, 0.4];
  const shareOf = (applicationId: string, evaluator: number) => quality[decided.applicationIds.indexOf(applicationId)] + (evaluator - 1) * 0.02;
  for (const e of evaluators) await pool.sign(e, decided.callId, { language: e.language, accept: true });
  await assignments.autoAssign(officer, decided.callId);
  // one evaluator knows one organisation: a conflict declared, and the replacement assigned (as the worker does)
  const driton = evaluators[2];
  const [first] = (await scoring.myAssignments(driton, decided.callId)).items as { id: string }[];
  const conflicted = await scoring.assignment(driton, first.id);
  await scoring.declareConflict(driton, first.id, { conflict: true, reason: 'I was a board member of this organisation until 2024.' });
  await assignments.topUp(conflicted.application.id, 'replacement');
  for (const [i, e] of evaluators.entries()) await score(e, decided.callId, (id) => shareOf(id, i + 1));
  const ranking = await rankings.ranking(officer, decided.callId);
  await awards.decide(officer, decided.callId, {
    committeeMembers: ['Besnik Gashi (Secretariat, chair)', 'Elena Papadopoulou (KMOP)', 'Arta Krasniqi (PVPT)'],
    decidedOn: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    rankingSha256: ranking.ranking.sha256,
  } as never);

  // 2. the call in evaluation: Driton has scored; Elena and Milica have not signed yet
  const inEvaluation = await callWithApplications(EVALUATION_CALL, t(
    'Call 2026-02: emergency assistance and safe accommodation',
    'Thirrja 2026-02: ndihmë emergjente dhe strehim i sigurt',
    'Poziv 2026-02: hitna pomoć i bezbedan smeštaj',
  ), ['zeri@demo.grants.test', 'centar@demo.grants.test', 'rrjeti@demo.grants.test'], 10_000_000, 2);
  await pool.sign(driton, inEvaluation.callId, { language: driton.language, accept: true });
  await assignments.autoAssign(officer, inEvaluation.callId);
  await score(driton, inEvaluation.callId, (id) => [0.8, 0.7, 0.75][inEvaluation.applicationIds.indexOf(id)]);
}
