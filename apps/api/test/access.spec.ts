import { can, demoCallDraft, PERMISSIONS, type Permission } from '@grants/domain';
import { randomUUID } from 'node:crypto';
import { AccessRepository } from '../src/common/access.repository';
import { accessCases, AccessService, type AccessRecord } from '../src/common/access.service';
import type { AuthUser } from '../src/common/auth-user';
import { demoApplicationContent } from '../src/seed/demo-application';
import { UserEntity } from '../src/modules/users/entities/user.entity';
import { toAuthUser } from '../src/modules/users/user-view';
import { PDF } from './files';
import { Harness, loginAs, newUser, startApi } from './harness';

type Login = Awaited<ReturnType<typeof loginAs>>;

describe('record access: denied by default, one case per permission, grants, and what an evaluator may read', () => {
  let h: Harness;
  let access: AccessService;
  let officer: Login;
  let ownerA: Login;
  let evaluator: Login;
  let conflicted: Login;
  let callId: string;
  let appA: { id: string; fileId: string };
  let appB: string;
  let grantA: string;
  let grantB: string;
  let announced: { visit: string; point: string };
  let unannounced: { visit: string; point: string };
  let sharedVisit: { visit: string; point: string };
  let accepted: string;
  let toConflict: string;
  let removed: string;
  /** One real id of each kind of record, reachable by someone. */
  const real = {} as Record<AccessRecord, string>;
  /** The actors, one of each role (applicants: owner, member, one without an organisation), as the API loads them. */
  const actors: Record<string, AuthUser> = {};

  const authUser = async (id: string) => toAuthUser(await h.ds.getRepository(UserEntity).findOneByOrFail({ id }));

  async function submitted(a: Login, withFile: boolean) {
    const app = (await a.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
    let version = (await a.client.patch(`/api/applications/${app.id}`, { version: app.version, content: demoApplicationContent('2027-03-01') }).expect(200)).body.version;
    let fileId = '';
    if (withFile) {
      const attached = (await a.client.agent.post(`/api/applications/${app.id}/attachments`).set('x-csrf-token', a.client.csrf)
        .field('requirementId', 'other').attach('file', PDF, 'workplan.pdf').expect(201)).body;
      version = attached.version;
      fileId = attached.attachments[0].fileId;
    }
    await a.client.post(`/api/applications/${app.id}/submit`, { version }).expect(200);
    return { id: app.id as string, fileId };
  }

  async function assignment(evaluatorId: string, applicationId: string, status: string): Promise<string> {
    await h.ds.query(`INSERT INTO call_evaluators (call_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [callId, evaluatorId]);
    await h.ds.query(`INSERT INTO evaluator_declarations (call_id, user_id, language, text_sha256) VALUES ($1, $2, 'en', repeat('0', 64)) ON CONFLICT DO NOTHING`, [callId, evaluatorId]);
    const [row] = await h.ds.query(
      `INSERT INTO evaluation_assignments (call_id, application_id, evaluator_id, status, origin, due_at) VALUES ($1, $2, $3, $4, 'manual', now() + interval '7 days') RETURNING id`,
      [callId, applicationId, evaluatorId, status]);
    return row.id;
  }

  beforeAll(async () => {
    h = await startApi();
    access = h.app.get(AccessService);
    officer = await loginAs(h, 'secretariat');
    const reference = 'MF-ACC-2026-01';
    const created = await officer.client.post('/api/calls', { reference, title: { en: 'A', sq: 'A', sr: 'A' } }).expect(201);
    const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
    const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
    await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
    callId = created.body.id;

    ownerA = await loginAs(h, 'applicant');
    const ownerB = await loginAs(h, 'applicant');
    appA = await submitted(ownerA, true);
    appB = (await submitted(ownerB, false)).id;
    // the deadline and the admissibility check are tested elsewhere: here the call is simply past them
    await h.ds.query(`UPDATE calls SET status = 'in_evaluation', submission_deadline_at = now() - interval '1 hour' WHERE id = $1`, [callId]);
    await h.ds.query(`UPDATE applications SET status = 'admissible' WHERE call_id = $1`, [callId]);

    evaluator = await loginAs(h, 'evaluator');
    conflicted = await loginAs(h, 'evaluator');
    accepted = await assignment(evaluator.user.id, appA.id, 'accepted');
    toConflict = await assignment(conflicted.user.id, appA.id, 'assigned');
    removed = await assignment(conflicted.user.id, appB, 'removed');

    const [decision] = await h.ds.query(
      `INSERT INTO award_decisions (call_id, seq, kind, decided_on, envelope_cents, snapshot, sha256) VALUES ($1, 1, 'decision', current_date, 10000000, '{}', repeat('0', 64)) RETURNING id`, [callId]);
    const award = async (applicationId: string) => (await h.ds.query(
      `INSERT INTO awards (call_id, application_id, decision_id, amount_cents) VALUES ($1, $2, $3, 4000000) RETURNING id`, [callId, applicationId, decision.id]))[0].id as string;
    const monitor = await newUser(h.ds, 'monitor');
    const otherMonitor = await newUser(h.ds, 'monitor');
    const grant = async (awardId: string, organizationId: string, monitorId: string | null) => (await h.ds.query(
      `INSERT INTO grants (award_id, call_id, organization_id, monitor_id, amount_cents) VALUES ($1, $2, $3, $4, 4000000) RETURNING id`,
      [awardId, callId, organizationId, monitorId]))[0].id as string;
    grantA = await grant(await award(appA.id), ownerA.user.organizationId!, monitor.user.id);
    grantB = await grant(await award(appB), ownerB.user.organizationId!, null);
    // visits of grant A: an announced one, an unannounced one next week, and a past one whose report is shared with a live action point
    const visit = async (type: string, when: string, shared: boolean) => {
      const [v] = await h.ds.query(
        `INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by) VALUES ($1, $2, $3, current_date + $4::int, 'p', $2) RETURNING id`,
        [grantA, monitor.user.id, type, when]);
      const [r] = await h.ds.query(
        `INSERT INTO visit_reports (visit_id, grant_id, status, sha256, shared_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [v.id, grantA, shared ? 'shared' : 'draft', shared ? '0'.repeat(64) : null, shared ? new Date() : null]);
      const [p] = await h.ds.query(
        `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, live, created_by) VALUES ($1, $2, 1, 'w', 'organisation', 'high', current_date, $3, $4) RETURNING id`,
        [r.id, grantA, shared, monitor.user.id]);
      return { visit: v.id as string, point: p.id as string };
    };
    announced = await visit('planned', '10', false);
    unannounced = await visit('unannounced', '7', false);
    sharedVisit = await visit('follow_up', '-20', true);
    const [narrative] = await h.ds.query(
      `INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date) VALUES ($1, 1, 'interim', current_date, current_date, current_date) RETURNING id`, [grantA]);

    const memberA = await newUser(h.ds, 'applicant', { organizationId: ownerA.user.organizationId!, orgRole: 'member' });
    const [notification] = await h.ds.query(`SELECT id FROM notifications WHERE user_id = $1 LIMIT 1`, [ownerA.user.id]);
    Object.assign(actors, {
      ownerA: await authUser(ownerA.user.id),
      memberA: await authUser(memberA.user.id),
      ownerB: await authUser(ownerB.user.id),
      withoutOrganization: { ...(await authUser((await newUser(h.ds, 'applicant')).user.id)), organizationId: null, orgRole: null },
      evaluator: await authUser(evaluator.user.id),
      monitor: await authUser(monitor.user.id),
      otherMonitor: await authUser(otherMonitor.user.id),
      secretariat: await authUser(officer.user.id),
      admin: await authUser((await newUser(h.ds, 'secretariat_admin')).user.id),
      observer: await authUser((await newUser(h.ds, 'observer')).user.id),
      // a safeguarding focal point: a Secretariat account with the flag an admin sets (no role has safeguarding.handle)
      focalPoint: { ...(await authUser(officer.user.id)), safeguardingFocalPoint: true },
    });
    const [safeguarding] = await h.ds.query(
      `INSERT INTO safeguarding_reports (id, category, content, follow_up_hash) VALUES (gen_random_uuid(), 'other', '\\x00'::bytea, repeat('a', 64)) RETURNING id`);
    Object.assign(real, {
      organization: ownerA.user.organizationId!, user: ownerB.user.id, notification: notification.id, call: callId,
      application: appA.id, assignment: accepted, grant: grantA, visit: sharedVisit.visit, action_point: sharedVisit.point,
      narrative_report: narrative.id, safeguarding_report: safeguarding.id,
    } satisfies Record<AccessRecord, string>);
  });
  afterAll(() => h.close());

  describe('every permission has its own case', () => {
    let cases: ReturnType<typeof accessCases>;
    beforeAll(() => (cases = accessCases({} as AccessRepository)));

    it.each(PERMISSIONS.map((p) => [p]))('%s has an access case', (p) => {
      expect(cases[p as Permission]).toBeDefined();
    });

    it('has no case for a name outside the permission map, and such a name gets nothing', async () => {
      expect(Object.keys(cases).sort()).toEqual([...PERMISSIONS].sort());
      for (const actor of Object.values(actors)) {
        expect(await access.hasAccess(actor, 'grant.delete' as Permission, [real.grant])).toBe(false);
        expect(await access.hasAccess(actor, 'admin' as Permission, [])).toBe(false);
      }
    });

    it.each(PERMISSIONS.map((p) => [p]))('%s: denied without the coarse permission, for unknown ids and to an inactive actor', async (p) => {
      const permission = p as Permission;
      const c = cases[permission];
      const coarse = c.coarse ?? [permission];
      const ids = c.record ? [real[c.record]] : [];
      for (const [name, actor] of Object.entries(actors)) {
        if (!coarse.some((x) => can(actor, x))) expect([name, await access.hasAccess(actor, permission, ids)]).toEqual([name, false]);
        expect([name, await access.hasAccess({ ...actor, active: false }, permission, ids)]).toEqual([name, false]);
        if (c.record) {
          expect([name, await access.hasAccess(actor, permission, [randomUUID()])]).toEqual([name, false]);
          expect([name, await access.hasAccess(actor, permission, [real[c.record], randomUUID()])]).toEqual([name, false]);
          expect([name, await access.hasAccess(actor, permission, ['not-a-uuid'])]).toEqual([name, false]);
          expect([name, (await access.reachable(actor, permission, [randomUUID()])).size]).toEqual([name, 0]);
        }
      }
      // someone does reach the record (or hold the permission): the denials above are not those of a case that denies everything
      const reached = await Promise.all(Object.values(actors).map((actor) => access.hasAccess(actor, permission, ids)));
      expect(reached).toContain(true);
      // a permission about records called without their ids, or one about no record called with ids, is a bug
      if (c.record && !c.withoutIds) await expect(access.hasAccess(actors.admin, permission, [])).rejects.toThrow(/pass the ids/);
      if (!c.record) await expect(access.hasAccess(actors.admin, permission, [randomUUID()])).rejects.toThrow(/no record/);
    });
  });

  describe('grants', () => {
    const has = (actor: string, p: Permission, ids: string[]) => access.hasAccess(actors[actor], p, ids);

    it("lets an applicant read and report on its organisation's grant, and not another's", async () => {
      for (const a of ['ownerA', 'memberA']) {
        expect(await has(a, 'grant.read.own', [grantA])).toBe(true);
        expect(await has(a, 'report.submit', [grantA])).toBe(true);
        expect(await has(a, 'grant.read.own', [grantB])).toBe(false);
        expect(await has(a, 'grant.read.own', [grantA, grantB])).toBe(false);
        expect(await has(a, 'report.submit', [grantB])).toBe(false);
        expect(await has(a, 'grant.manage', [grantA])).toBe(false);
        expect(await has(a, 'report.review', [grantA])).toBe(false);
      }
      expect(await has('ownerB', 'grant.read.own', [grantB])).toBe(true);
      expect(await has('ownerB', 'grant.read.own', [grantA])).toBe(false);
      expect(await has('withoutOrganization', 'grant.read.own', [grantA])).toBe(false);
    });

    it('lets a monitor reach only the grants assigned to it', async () => {
      expect(await has('monitor', 'grant.read.own', [grantA])).toBe(true);
      expect(await has('monitor', 'monitoring.visit', [grantA])).toBe(true);
      expect(await has('monitor', 'portfolio.read', [grantA])).toBe(true);
      for (const p of ['grant.read.own', 'monitoring.visit', 'portfolio.read'] as const) expect(await has('monitor', p, [grantB])).toBe(false);
      // its part of the portfolio, not the whole of it
      expect(await has('monitor', 'portfolio.read', [])).toBe(false);
      expect([...(await access.reachable(actors.monitor, 'grant.read.own', [grantA, grantB]))]).toEqual([grantA]);
      for (const p of ['grant.read.own', 'monitoring.visit', 'portfolio.read'] as const) expect(await has('otherMonitor', p, [grantA])).toBe(false);
      expect(await has('monitor', 'grant.manage', [grantA])).toBe(false);
      expect(await has('monitor', 'report.review', [grantA])).toBe(false);
    });

    it('lets a Secretariat officer reach any grant', async () => {
      for (const p of ['grant.read.own', 'grant.manage', 'monitoring.visit', 'report.review', 'portfolio.read'] as const) {
        expect(await has('secretariat', p, [grantA, grantB])).toBe(true);
      }
      expect(await has('secretariat', 'portfolio.read', [])).toBe(true);
      expect(await has('secretariat', 'report.submit', [grantA])).toBe(false);
    });

    it('lets an observer read the portfolio and every grant, and reach no grant record to act on', async () => {
      expect(await has('observer', 'portfolio.read', [])).toBe(true);
      expect(await has('observer', 'portfolio.read', [grantA, grantB])).toBe(true);
      expect(await has('observer', 'grant.read.own', [grantA, grantB])).toBe(true);
      for (const p of ['grant.act.own', 'grant.manage', 'monitoring.visit', 'report.submit', 'report.review'] as const) {
        expect(await has('observer', p, [grantA])).toBe(false);
      }
    });

    it('lets each role reach the narrative reports its case allows (issue 12)', async () => {
      const ids = [real.narrative_report];
      for (const name of ['secretariat', 'admin', 'observer', 'monitor', 'ownerA', 'memberA'] as const) expect([name, (await access.reachable(actors[name], 'narrative_report.read', ids)).size]).toEqual([name, 1]);
      for (const name of ['otherMonitor', 'ownerB', 'evaluator', 'withoutOrganization'] as const) expect([name, (await access.reachable(actors[name], 'narrative_report.read', ids)).size]).toEqual([name, 0]);
    });

    it('lets each role reach the monitoring visits and action points its case allows (issue 11)', async () => {
      const all = [announced.visit, unannounced.visit, sharedVisit.visit];
      expect([...(await access.reachable(actors.secretariat, 'visit.read', all))].sort()).toEqual([...all].sort());
      expect([...(await access.reachable(actors.monitor, 'visit.read', all))].sort()).toEqual([...all].sort());
      expect([...(await access.reachable(actors.otherMonitor, 'visit.read', all))]).toEqual([]);
      // the organisation: announced visits and the past one, never the unannounced visit before its day
      expect([...(await access.reachable(actors.ownerA, 'visit.read', all))].sort()).toEqual([announced.visit, sharedVisit.visit].sort());
      expect([...(await access.reachable(actors.memberA, 'visit.read', all))].sort()).toEqual([announced.visit, sharedVisit.visit].sort());
      expect([...(await access.reachable(actors.ownerB, 'visit.read', all))]).toEqual([]);
      expect([...(await access.reachable(actors.observer, 'visit.read', all))]).toEqual([sharedVisit.visit]);
      expect([...(await access.reachable(actors.evaluator, 'visit.read', all))]).toEqual([]);
      const points = [announced.point, unannounced.point, sharedVisit.point];
      expect([...(await access.reachable(actors.monitor, 'action_point.read', points))].sort()).toEqual([...points].sort());
      expect([...(await access.reachable(actors.otherMonitor, 'action_point.read', points))]).toEqual([]);
      // only live points (of a shared report) exist for the organisation and observers
      expect([...(await access.reachable(actors.ownerA, 'action_point.read', points))]).toEqual([sharedVisit.point]);
      expect([...(await access.reachable(actors.observer, 'action_point.read', points))]).toEqual([sharedVisit.point]);
      expect([...(await access.reachable(actors.ownerB, 'action_point.read', points))]).toEqual([]);
      expect([...(await access.reachable(actors.secretariat, 'action_point.read', points))].sort()).toEqual([...points].sort());
    });

    it('gives an inactive user nothing', async () => {
      for (const name of ['ownerA', 'monitor', 'secretariat', 'observer']) {
        for (const p of ['grant.read.own', 'grant.manage', 'monitoring.visit', 'report.submit', 'report.review', 'portfolio.read'] as const) {
          expect(await access.hasAccess({ ...actors[name], active: false }, p, [grantA])).toBe(false);
        }
        expect(await access.hasAccess({ ...actors[name], active: false }, 'portfolio.read', [])).toBe(false);
      }
    });
  });

  describe('what an evaluator may read (hole 2)', () => {
    it("keeps the applicant's receipt and own view of the application from an evaluator with an open assignment", async () => {
      await evaluator.client.get(`/api/assignments/${accepted}`).expect(200);
      // the receipt names who submitted the application: only its organisation and the Secretariat get it
      await evaluator.client.get(`/api/applications/${appA.id}/receipt.pdf`).expect(404);
      await evaluator.client.get(`/api/applications/${appA.id}`).expect(404);
      await ownerA.client.get(`/api/applications/${appA.id}/receipt.pdf`).expect(200);
      await officer.client.get(`/api/applications/${appA.id}/receipt.pdf`).expect(200);
      // what the evaluation needs stays readable: the assigned application's attachments
      await evaluator.client.get(`/api/files/${appA.fileId}/download`).expect(200);
      await conflicted.client.get(`/api/files/${appA.fileId}/download`).expect(404);
    });

    it('hides an assignment from its evaluator once they declared a conflict (declaring it works once)', async () => {
      const before = (await conflicted.client.get(`/api/assignments/${toConflict}`).expect(200)).body;
      expect(before.application.organizationName).toMatch(/Test CSO/);
      await conflicted.client.post(`/api/assignments/${toConflict}/conflict`, { conflict: true, reason: 'I sit on the board of this organisation.' }).expect(200);
      const [row] = await h.ds.query(`SELECT status FROM evaluation_assignments WHERE id = $1`, [toConflict]);
      expect(row.status).toBe('conflict');
      const after = await conflicted.client.get(`/api/assignments/${toConflict}`).expect(404);
      expect(JSON.stringify(after.body)).not.toContain('Test CSO');
      await conflicted.client.post(`/api/assignments/${toConflict}/conflict`, { conflict: true, reason: 'Again.' }).expect(404);
      await conflicted.client.put(`/api/assignments/${toConflict}/sheet`, { scores: {}, comments: {}, version: 1 }).expect(404);
      await conflicted.client.get(`/api/assignments/${removed}`).expect(404);
      expect(await access.hasAccess(actors.evaluator, 'evaluation.score', [accepted])).toBe(true);
      expect(await access.hasAccess(await authUser(conflicted.user.id), 'evaluation.score', [toConflict])).toBe(false);
    });
  });
});
