import { Injectable } from '@nestjs/common';
import { EvaluationsService } from '../modules/evaluations/evaluations.service';
import type { JobHandler } from './job-handler';

/** A conflict declared or a divergent pair of sheets: assign the evaluator(s) the application now needs. */
@Injectable()
export class EvaluationTopUpHandler implements JobHandler<'evaluation.top_up'> {
  readonly name = 'evaluation.top_up' as const;
  constructor(private readonly evaluations: EvaluationsService) {}
  handle({ applicationId, reason }: { applicationId: string; reason: 'replacement' | 'divergence' }) {
    return this.evaluations.topUp(applicationId, reason);
  }
}

/** 3 days and 1 day before the due date: remind evaluators with open sheets. */
@Injectable()
export class EvaluationReminderHandler implements JobHandler<'evaluation.reminder'> {
  readonly name = 'evaluation.reminder' as const;
  constructor(private readonly evaluations: EvaluationsService) {}
  handle({ callId, dueAt, days }: { callId: string; dueAt: string; days: number }) {
    return this.evaluations.remind(callId, dueAt, days);
  }
}

/** At the due date: escalate overdue sheets to the Secretariat. */
@Injectable()
export class EvaluationOverdueHandler implements JobHandler<'evaluation.overdue'> {
  readonly name = 'evaluation.overdue' as const;
  constructor(private readonly evaluations: EvaluationsService) {}
  handle({ callId, dueAt }: { callId: string; dueAt: string }) {
    return this.evaluations.escalate(callId, dueAt);
  }
}
