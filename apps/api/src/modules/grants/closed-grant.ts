import { AppError } from '../../common/errors';

/**
 * A closed grant is read-only everywhere: every write on it (a tranche, an expenditure report, an amendment, a
 * document, a visit, an action point, a report) answers 409 `grant_closed` and changes nothing. Called by each
 * write path right after it loads the grant.
 */
export function refuseClosedGrant(g: { status: string; agreementNumber?: string | null }): void {
  if (g.status !== 'closed') return;
  const message = `The grant ${g.agreementNumber ?? ''} is closed: its records are read-only`.replace('  ', ' ');
  throw AppError.conflict('grant_closed', message, [{ field: 'grant', code: 'grant_closed', message }]);
}
