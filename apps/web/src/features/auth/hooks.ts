import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { isApiError } from '../../api/errors';
import { authApi, type UpdateMeBody } from './api';
import { allows, type Permission } from './permissions';
import type { Me } from './types';

export const meKey = ['me'] as const;

/**
 * The offline copies of the monitoring visit reports (features/monitoring/offline): loaded only when someone signs
 * in or out, so the first load carries none of it.
 */
const offline = () => import('../monitoring/offline/clear');

/** The logged-in user, or null when there is no session (401 is not an error here). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await authApi.me();
      } catch (e) {
        if (isApiError(e) && e.statusCode === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useCan(): (permission: Permission) => boolean {
  const { data: me } = useMe();
  return useCallback((permission: Permission) => allows(me, permission), [me]);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: authApi.login,
    onSuccess: async (answer) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'mailbox' });
      qc.setQueryData(meKey, answer.user);
      // another user than the last one on this browser: the API answers kept for offline use are not theirs
      await offline()
        .then((m) => m.noteSignedInUser(answer.user.id))
        .catch((e: unknown) => console.warn('offline copies not checked', e));
    },
  });
}

/**
 * `leave` runs before the session data is dropped: navigate away there, or the private page
 * still on screen sees no user and sends the visitor to /login instead.
 */
export function useLogout(leave?: () => void | Promise<void>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: authApi.logout,
    onSettled: async () => {
      const userId = qc.getQueryData<Me | null>(meKey)?.id ?? null;
      await leave?.();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'mailbox' });
      qc.setQueryData(meKey, null);
      // the visit report drafts and the API answers kept for offline use are about victims' services: gone with the session
      await offline()
        .then((m) => m.clearOfflineData(userId))
        .catch((e: unknown) => console.warn('offline copies not cleared', e));
    },
  });
}

export function useRegister() {
  return useMutation({ mutationFn: authApi.register });
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: authApi.verifyEmail });
}

export function useResendVerification() {
  return useMutation({ mutationFn: authApi.resendVerification });
}

export function useForgotPassword() {
  return useMutation({ mutationFn: authApi.forgotPassword });
}

export function useResetPassword() {
  return useMutation({ mutationFn: authApi.resetPassword });
}

export function useInvitationPreview(token: string | null) {
  return useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => authApi.invitation(token as string),
    enabled: !!token,
    retry: false,
  });
}

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: authApi.acceptInvitation,
    onSuccess: (answer) => qc.setQueryData(meKey, answer.user),
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeBody) => authApi.updateMe(body),
    // read again too: the service worker keeps /api/auth/me for a reload with no network, and a copy from before
    // the change would bring the old language back on that reload (CI's offline journey came back in Albanian)
    onSuccess: (me) => {
      qc.setQueryData(meKey, me);
      void qc.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: authApi.changePassword });
}
