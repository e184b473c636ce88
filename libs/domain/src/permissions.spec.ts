import fc from 'fast-check';
import { can, isPermission, Permission, PERMISSIONS, permissionsFor, type Actor } from './permissions';
import { ORG_ROLES, ROLES } from './roles';

const actorArb: fc.Arbitrary<Actor> = fc.record({
  role: fc.constantFrom(...ROLES),
  orgRole: fc.constantFrom(...ORG_ROLES, null, undefined),
  active: fc.constantFrom(true, false, undefined),
});

describe('permissionsFor', () => {
  it('gives an applicant owner the organisation and application rights, including inviting members', () => {
    expect(permissionsFor({ role: 'applicant', orgRole: 'owner' }).sort()).toEqual(
      [
        'organization.read.own',
        'organization.update.own',
        'organization.members.invite',
        'organization.documents.manage',
        'notification.read.own',
        'call.read.published',
        'call.question.ask',
        'application.create',
        'application.read.own',
        'grant.read.own',
        'grant.act.own',
        'visit.read',
        'action_point.read',
        'report.submit',
        'narrative_report.read',
      ].sort(),
    );
  });

  it('gives an applicant member the owner rights minus inviting members', () => {
    const owner = permissionsFor({ role: 'applicant', orgRole: 'owner' });
    const member = permissionsFor({ role: 'applicant', orgRole: 'member' });
    expect(owner.filter((p) => !member.includes(p))).toEqual(['organization.members.invite']);
    expect(member.every((p) => owner.includes(p))).toBe(true);
  });

  it('lets an applicant without an organisation only read calls and notifications', () => {
    expect(permissionsFor({ role: 'applicant' })).toEqual(['notification.read.own', 'call.read.published']);
    expect(can({ role: 'applicant', orgRole: null }, 'application.create')).toBe(false);
  });

  it('lets an evaluator score but not manage evaluation or read every application', () => {
    const evaluator: Actor = { role: 'evaluator' };
    expect(permissionsFor(evaluator).sort()).toEqual(['call.read.published', 'evaluation.read.application', 'evaluation.score', 'notification.read.own']);
    // an evaluator reads an assigned application only as evaluation material, never as the applicant does
    expect(can(evaluator, 'application.read.own')).toBe(false);
    expect(can(evaluator, 'evaluation.manage')).toBe(false);
    expect(can(evaluator, 'application.read.any')).toBe(false);
  });

  it('lets a monitor visit its grants and read the portfolio', () => {
    expect(permissionsFor({ role: 'monitor' }).sort()).toEqual(
      ['action_point.read', 'call.read.published', 'grant.read.own', 'monitoring.visit', 'narrative_report.read', 'notification.read.own', 'portfolio.read', 'visit.read'].sort(),
    );
  });

  it('lets the secretariat run calls, evaluation, awards and grants but not administer users or the audit log', () => {
    const secretariat: Actor = { role: 'secretariat' };
    for (const p of [
      'organization.read.any',
      'call.manage',
      'call.question.answer',
      'application.read.any',
      'application.admissibility',
      'evaluation.manage',
      'award.decide',
      'grant.manage',
      'monitoring.visit',
      'visit.read',
      'action_point.read',
      'report.review',
      'narrative_report.read',
      'portfolio.read',
      'strategy_report.manage',
      'user.list',
    ] as const) {
      expect(can(secretariat, p)).toBe(true);
    }
    for (const p of ['user.invite', 'user.deactivate', 'user.erase', 'retention.manage', 'audit.read', 'audit.verify', 'queues.dashboard', 'evaluation.score', 'application.create'] as const) {
      expect(can(secretariat, p)).toBe(false);
    }
  });

  it('gives a secretariat admin exactly the secretariat rights plus administration', () => {
    const admin = permissionsFor({ role: 'secretariat_admin' });
    const secretariat = permissionsFor({ role: 'secretariat' });
    expect(admin.filter((p) => !secretariat.includes(p)).sort()).toEqual(
      ['audit.read', 'audit.verify', 'queues.dashboard', 'retention.manage', 'user.deactivate', 'user.erase', 'user.invite'].sort(),
    );
  });

  it('gives an observer read-only access', () => {
    expect(permissionsFor({ role: 'observer' }).sort()).toEqual(['action_point.read', 'call.read.published', 'grant.read.any', 'narrative_report.read', 'notification.read.own', 'portfolio.read', 'visit.read']);
  });

  it('gives a deactivated account nothing, whatever its role', () => {
    expect(permissionsFor({ role: 'secretariat_admin', active: false })).toEqual([]);
    expect(can({ role: 'applicant', orgRole: 'owner', active: false }, 'organization.read.own')).toBe(false);
    expect(permissionsFor({ role: 'secretariat_admin', active: true })).toContain('audit.verify');
  });

  it('gives an unknown role nothing', () => {
    expect(permissionsFor({ role: 'root' as Actor['role'] })).toEqual([]);
  });

  it('returns permissions in canonical order without duplicates', () => {
    const admin = permissionsFor({ role: 'secretariat_admin' });
    expect(admin).toEqual(PERMISSIONS.filter((p) => admin.includes(p)));
    expect(new Set(admin).size).toBe(admin.length);
  });

  it('recognises permission strings', () => {
    expect(isPermission('audit.verify')).toBe(true);
    expect(isPermission('audit.delete')).toBe(false);
  });
});

describe('permission properties', () => {
  it('can() agrees with permissionsFor() for every actor and permission', () => {
    fc.assert(
      fc.property(actorArb, fc.constantFrom(...PERMISSIONS), (actor, permission) => {
        expect(can(actor, permission)).toBe(permissionsFor(actor).includes(permission));
      }),
    );
  });

  it('an admin has every permission a secretariat officer has', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERMISSIONS), fc.constantFrom(...ORG_ROLES, null, undefined), (permission, orgRole) => {
        if (can({ role: 'secretariat', orgRole }, permission)) {
          expect(can({ role: 'secretariat_admin', orgRole }, permission)).toBe(true);
        }
      }),
    );
  });

  it('an observer has no permission that changes anything', () => {
    const readOnly = (p: Permission) => /\.read(\.|$)/.test(p) || p === 'portfolio.read' || p === 'notification.read.own';
    fc.assert(
      fc.property(fc.constantFrom(...ORG_ROLES, null, undefined), fc.constantFrom(true, undefined), (orgRole, active) => {
        const perms = permissionsFor({ role: 'observer', orgRole, active });
        expect(perms.length).toBeGreaterThan(0);
        expect(perms.filter((p) => !readOnly(p))).toEqual([]);
      }),
    );
  });

  it('an inactive actor can do nothing', () => {
    fc.assert(
      fc.property(actorArb, fc.constantFrom(...PERMISSIONS), (actor, permission) => {
        expect(can({ ...actor, active: false }, permission)).toBe(false);
      }),
    );
  });
});

describe('safeguarding.handle', () => {
  it('no role has it; only the focal point flag grants it, and never to a deactivated account', () => {
    for (const role of ['applicant', 'evaluator', 'monitor', 'secretariat', 'secretariat_admin', 'observer'] as const) {
      expect(can({ role, orgRole: role === 'applicant' ? 'owner' : null }, 'safeguarding.handle')).toBe(false);
      expect(can({ role, safeguardingFocalPoint: true }, 'safeguarding.handle')).toBe(true);
      expect(can({ role, safeguardingFocalPoint: true, active: false }, 'safeguarding.handle')).toBe(false);
    }
    expect(permissionsFor({ role: 'secretariat', safeguardingFocalPoint: true })).toEqual([...permissionsFor({ role: 'secretariat' }), 'safeguarding.handle']);
    expect(can({ role: 'root' as Actor['role'], safeguardingFocalPoint: true }, 'safeguarding.handle')).toBe(false);
  });
});
