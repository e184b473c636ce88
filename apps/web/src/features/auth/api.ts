import { http, rememberCsrf } from '../../api/http';
import type { AuthAnswer, InvitationPreview, Language, Me, MessageAnswer, Script } from '../../api/types';

export type RegisterBody = {
  email: string;
  password: string;
  fullName: string;
  language: Language;
  organization: { legalName: string; acronym?: string; registrationNumber: string; municipality: string };
};

export type AcceptInvitationBody = { token: string; fullName: string; password: string; language: Language };
export type UpdateMeBody = { fullName?: string; language?: Language; script?: Script };

export const authApi = {
  me: () => http.get<Me>('/api/auth/me'),
  login: (body: { email: string; password: string }) => http.post<AuthAnswer>('/api/auth/login', body).then(rememberCsrf),
  logout: () => http.post<{ csrfToken: string }>('/api/auth/logout').then(rememberCsrf),
  register: (body: RegisterBody) => http.post<MessageAnswer>('/api/auth/register', body),
  verifyEmail: (token: string) => http.post<MessageAnswer>('/api/auth/verify-email', { token }),
  resendVerification: (email: string) => http.post<void>('/api/auth/resend-verification', { email }),
  forgotPassword: (email: string) => http.post<void>('/api/auth/forgot-password', { email }),
  resetPassword: (body: { token: string; password: string }) => http.post<MessageAnswer>('/api/auth/reset-password', body),
  invitation: (token: string) => http.get<InvitationPreview>(`/api/auth/invitations/${encodeURIComponent(token)}`),
  acceptInvitation: (body: AcceptInvitationBody) =>
    http.post<AuthAnswer>('/api/auth/accept-invitation', body).then(rememberCsrf),
  updateMe: (body: UpdateMeBody) => http.patch<Me>('/api/users/me', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) => http.post<void>('/api/users/me/password', body),
};
