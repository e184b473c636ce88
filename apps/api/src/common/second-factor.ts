import { secondFactorState, type SecondFactorMethod, type SecondFactorState } from '@grants/domain';
import type { AuthUser } from './auth-user';

/** Where a request's user stands with second factors, from what the session query read (no query of its own). */
export function secondFactorOf(user: AuthUser): { state: SecondFactorState; methods: SecondFactorMethod[]; verifiedAt: string | null } {
  const enrolled = Boolean(user.secondFactorAt);
  const verifiedAt = typeof user.secondFactorVerifiedAt === 'number' ? user.secondFactorVerifiedAt : null;
  return {
    state: secondFactorState({ role: user.role, enrolled, sessionVerified: verifiedAt !== null }),
    methods: enrolled ? [...(user.secondFactorMethods ?? [])] : [],
    verifiedAt: verifiedAt !== null ? new Date(verifiedAt).toISOString() : null,
  };
}
