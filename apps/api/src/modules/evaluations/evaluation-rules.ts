import { evaluationRules, type EvaluationRules } from '@grants/domain';
import type { CallEntity } from '../calls/entities/call.entity';

export function rulesOf(call: CallEntity): EvaluationRules {
  return evaluationRules(call.definition);
}

/** The rules of the call the ranking and the decision record show. */
export function publicRules(call: CallEntity) {
  const r = rulesOf(call);
  return { evaluatorsPerApplication: r.evaluatorsPerApplication, divergenceThresholdPoints: r.divergenceThresholdPoints, consolidationRule: r.consolidationRule, tieBreakSectionId: r.tieBreakSectionId, reserveListSize: r.reserveListSize };
}
