import { Injectable } from '@nestjs/common';
import type { JobHandler } from '../../../jobs/job-handler';
import { AssignmentsService } from '../assignments.service';

/** 3 days and 1 day before the due date: remind evaluators with open sheets. */
@Injectable()
export class EvaluationReminderHandler implements JobHandler<'evaluation.reminder'> {
  readonly name = 'evaluation.reminder' as const;
  constructor(private readonly assignments: AssignmentsService) {}
  handle({ callId, dueAt, days }: { callId: string; dueAt: string; days: number }) {
    return this.assignments.remind(callId, dueAt, days);
  }
}
