import { Injectable } from '@nestjs/common';
import type { JobHandler } from '../../../jobs/job-handler';
import { AssignmentsService } from '../assignments.service';

/** At the due date: escalate overdue sheets to the Secretariat (and remind the evaluators themselves). */
@Injectable()
export class EvaluationOverdueHandler implements JobHandler<'evaluation.overdue'> {
  readonly name = 'evaluation.overdue' as const;
  constructor(private readonly assignments: AssignmentsService) {}
  handle({ callId, dueAt }: { callId: string; dueAt: string }) {
    return this.assignments.escalate(callId, dueAt);
  }
}
