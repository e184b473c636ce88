import { api, data } from '../../api/client';
import { rememberCsrf } from '../../api/csrf';
import type { AcceptInvitationBody, ChangePasswordBody, RegisterBody, UpdateMeBody } from './types';

export type { AcceptInvitationBody, RegisterBody, UpdateMeBody } from './types';

export const authApi = {
  me: () => data(api.GET('/api/auth/me')),
  login: (body: { email: string; password: string }) => data(api.POST('/api/auth/login', { body })).then(rememberCsrf),
  logout: () => data(api.POST('/api/auth/logout')).then(rememberCsrf),
  register: (body: RegisterBody) => data(api.POST('/api/auth/register', { body })),
  verifyEmail: (token: string) => data(api.POST('/api/auth/verify-email', { body: { token } })),
  /** 202 with a message that says the same whether or not the address has an unverified account. */
  resendVerification: (email: string) => data(api.POST('/api/auth/resend-verification', { body: { email } })),
  /** 202 with a message that says the same whether or not the address has an account. */
  forgotPassword: (email: string) => data(api.POST('/api/auth/forgot-password', { body: { email } })),
  resetPassword: (body: { token: string; password: string }) => data(api.POST('/api/auth/reset-password', { body })),
  invitation: (token: string) => data(api.GET('/api/auth/invitations/{token}', { params: { path: { token } } })),
  acceptInvitation: (body: AcceptInvitationBody) => data(api.POST('/api/auth/accept-invitation', { body })).then(rememberCsrf),
  updateMe: (body: UpdateMeBody) => data(api.PATCH('/api/users/me', { body })),
  changePassword: (body: ChangePasswordBody) => data(api.POST('/api/users/me/password', { body })),
};
