import { api, data } from '../../api/client';
import { rememberCsrf } from '../../api/csrf';

const byId = (id: string) => ({ params: { path: { id } } });

/**
 * The second-factor routes of the API (issue 14), only through the generated client. The challenge answers
 * rotate the session's CSRF token (rememberCsrf); the WebAuthn options and responses pass through as the JSON
 * @simplewebauthn/browser reads and writes.
 */
export const securityApi = {
  status: () => data(api.GET('/api/auth/second-factor')),
  totpSetup: () => data(api.POST('/api/auth/second-factor/totp/setup')),
  totpConfirm: (code: string) => data(api.POST('/api/auth/second-factor/totp/confirm', { body: { code } })),
  removeTotp: () => data(api.DELETE('/api/auth/second-factor/totp')),
  passkeyRegistrationOptions: () => data(api.POST('/api/auth/second-factor/passkeys/registration-options')),
  registerPasskey: (body: { response: Record<string, unknown>; name: string }) => data(api.POST('/api/auth/second-factor/passkeys', { body })),
  removePasskey: (id: string) => data(api.DELETE('/api/auth/second-factor/passkeys/{id}', byId(id))),
  challengeTotp: (code: string) => data(api.POST('/api/auth/second-factor/challenge/totp', { body: { code } })).then(rememberCsrf),
  challengeRecovery: (code: string) => data(api.POST('/api/auth/second-factor/challenge/recovery', { body: { code } })).then(rememberCsrf),
  passkeyOptions: () => data(api.POST('/api/auth/second-factor/challenge/passkey-options')),
  challengePasskey: (response: Record<string, unknown>) => data(api.POST('/api/auth/second-factor/challenge/passkey', { body: { response } })).then(rememberCsrf),
  newRecoveryCodes: () => data(api.POST('/api/auth/second-factor/recovery-codes')),
  resetUser: (id: string, reason: string) => data(api.POST('/api/users/{id}/second-factors/reset', { ...byId(id), body: { reason } })),
};
