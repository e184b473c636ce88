import { canTransitionAssignment, type AssignmentStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { changeStatus, type StatusChangeOptions, type StatusMachine } from '../../common/status-change';
import type { AuditService } from '../audit/audit.service';
import { EvaluationAssignmentEntity } from './entities/evaluation.entity';

const ASSIGNMENT: StatusMachine<EvaluationAssignmentEntity, AssignmentStatus> = {
  entity: EvaluationAssignmentEntity, noun: 'assignment', canTransition: canTransitionAssignment, label: (a) => a.id,
};

/**
 * The only writer of `evaluation_assignments.status`: checks ASSIGNMENT_TRANSITIONS and writes the audit row, in
 * the caller's transaction. Audit rows of assignments name the application (the record people look up).
 */
export function changeAssignmentStatus(
  m: EntityManager, audit: AuditService, actor: AuditActor, ids: string | readonly string[], to: AssignmentStatus,
  opts: StatusChangeOptions<EvaluationAssignmentEntity> = {},
) {
  return changeStatus(m, audit, actor, ASSIGNMENT, ids, to, opts);
}
