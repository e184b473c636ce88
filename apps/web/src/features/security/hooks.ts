import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from '../admin/hooks';
import { meKey } from '../auth/hooks';
import type { Session } from '../auth/types';
import { securityApi } from './api';
import { registerPasskey, verifyWithPasskey } from './passkey';

export const securityKeys = { status: ['second-factor'] as const };

export function useSecondFactorStatus() {
  return useQuery({ queryKey: securityKeys.status, queryFn: securityApi.status });
}

/** The session passed the factor (login's second step or a step-up): the answer carries the user as /me says it. */
function useVerified() {
  const qc = useQueryClient();
  return async (session: Session) => {
    // a /me read still on the wire was answered before the session was marked ("challenge"): dropped, so it cannot
    // overwrite the user this answer carries and send them back to the second step
    await qc.cancelQueries({ queryKey: meKey });
    qc.setQueryData(meKey, session.user);
    void qc.invalidateQueries({ queryKey: securityKeys.status });
  };
}

export type ChallengeInput = { method: 'totp' | 'recovery'; code: string } | { method: 'passkey' };

/** One check of the second factor, by code, recovery code or passkey. */
export function useChallenge() {
  const verified = useVerified();
  return useMutation({
    mutationFn: (input: ChallengeInput): Promise<Session> =>
      input.method === 'passkey'
        ? verifyWithPasskey()
        : input.method === 'totp'
          ? securityApi.challengeTotp(input.code)
          : securityApi.challengeRecovery(input.code),
    onSuccess: verified,
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: securityApi.totpSetup });
}

/**
 * Confirming a first factor makes the session verified, but the user is not moved on (the state in /me) until they
 * have seen their recovery codes: `settle` reads /me again then.
 */
export function useTotpConfirm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: securityApi.totpConfirm,
    onSuccess: () => void qc.invalidateQueries({ queryKey: securityKeys.status }),
  });
}

export function usePasskeyRegistration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => registerPasskey(name),
    onSuccess: () => void qc.invalidateQueries({ queryKey: securityKeys.status }),
  });
}

/** After the enrolment (recovery codes seen): /me again, so the app lets the user through. */
export function useSettleEnrolment() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: meKey });
}

function useFactorChange<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: securityKeys.status });
      void qc.invalidateQueries({ queryKey: meKey });
    },
  });
}

export const useRemoveTotp = () => useFactorChange(() => securityApi.removeTotp());
export const useRemovePasskey = () => useFactorChange((id: string) => securityApi.removePasskey(id));
export const useNewRecoveryCodes = () => useFactorChange(() => securityApi.newRecoveryCodes());

/** An admin resets a user's factors (with a reason, audited); the users list shows it. */
export function useResetSecondFactors() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => securityApi.resetUser(id, reason),
    onSuccess: () => void qc.invalidateQueries({ queryKey: adminKeys.usersAll }),
  });
}
