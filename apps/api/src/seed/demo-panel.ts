import type { INestApplicationContext } from '@nestjs/common';
import { admissibilityItems, demoEuGrid, type EligibilityQuestion } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { ApplicationsService } from '../modules/applications/applications.service';
import { CallsService } from '../modules/calls/calls.service';
import { CallEntity } from '../modules/calls/entities/call.entity';
import { AssignmentsService } from '../modules/evaluations/assignments.service';
import { EvaluationPoolService } from '../modules/evaluations/evaluation-pool.service';
import { ScoringService } from '../modules/evaluations/scoring.service';

/** An evaluator's sheet on the demo grid: every criterion at `share` of its maximum, one comment per section. */
export function demoSheet(share: number, comment: string) {
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const s of demoEuGrid().sections) {
    for (const c of s.criteria) scores[c.id] = Math.min(c.maxPoints, Math.round(c.maxPoints * share));
    comments[s.id] = comment;
  }
  return { scores, comments };
}

/**
 * The demo seeds' road from submitted applications to a ranking, through the same services as the API: the call's
 * deadlines moved `deadlineDaysAgo` into the past (a fixture: its status still changes through call-status.ts) and
 * the call closed; every application admissible; the three demo evaluators in the pool, their declarations signed,
 * assigned by the rule, no conflict declared, and each sheet scored by `sheet(applicationId)` and submitted.
 */
export async function demoCloseAndEvaluate(
  app: INestApplicationContext,
  opts: {
    officer: AuthUser; callId: string; definition: { eligibilityQuestions?: readonly Pick<EligibilityQuestion, 'id' | 'requiredAnswer'>[] }; applicationIds: Iterable<string>;
    evaluators: AuthUser[]; deadlineDaysAgo: number; sheet: (applicationId: string) => { scores: Record<string, number>; comments: Record<string, string> };
  },
): Promise<void> {
  const ds = app.get(DataSource);
  const calls = app.get(CallsService);
  const applications = app.get(ApplicationsService);
  const pool = app.get(EvaluationPoolService);
  const assignments = app.get(AssignmentsService);
  const scoring = app.get(ScoringService);
  const { officer, callId, evaluators } = opts;

  const days = Math.trunc(opts.deadlineDaysAgo);
  await ds.query(
    `UPDATE calls SET submission_deadline_at = now() - make_interval(days => $2), questions_deadline_at = now() - make_interval(days => $2 + 10) WHERE id = $1`,
    [callId, days],
  );
  await ds.transaction(async (m) => calls.moveTo(m, { id: officer.id, email: officer.email }, await m.findOneByOrFail(CallEntity, { id: callId }), 'closed'));
  const items = admissibilityItems(opts.definition.eligibilityQuestions);
  for (const id of opts.applicationIds) {
    await applications.admissibility(officer, id, { answers: items.map((it) => ({ itemId: it.id, passed: true })), decide: true } as never);
  }

  for (const e of evaluators) {
    await pool.addToPool(officer, callId, { userId: e.id });
    await pool.sign(e, callId, { language: e.language, accept: true });
  }
  await assignments.autoAssign(officer, callId);
  for (const e of evaluators) {
    const mine = await scoring.myAssignments(e, callId);
    for (const item of (mine.items as { id: string; status: string }[]).filter((x) => x.status === 'assigned' || x.status === 'accepted')) {
      let a = await scoring.assignment(e, item.id);
      if (a.status === 'assigned') a = (await scoring.declareConflict(e, item.id, { conflict: false })) as typeof a;
      const saved = await scoring.saveSheet(e, item.id, { ...opts.sheet(a.application.id), version: a.version });
      await scoring.submitSheet(e, item.id, saved.version);
    }
  }
}
