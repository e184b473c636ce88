import { Injectable } from '@nestjs/common';
import type { JobHandler } from '../../../jobs/job-handler';
import { AssignmentsService } from '../assignments.service';

/** A conflict declared or a divergent pair of sheets: assign the evaluator(s) the application now needs. */
@Injectable()
export class EvaluationTopUpHandler implements JobHandler<'evaluation.top_up'> {
  readonly name = 'evaluation.top_up' as const;
  constructor(private readonly assignments: AssignmentsService) {}
  handle({ applicationId, reason }: { applicationId: string; reason: 'replacement' | 'divergence' }) {
    return this.assignments.topUp(applicationId, reason);
  }
}
