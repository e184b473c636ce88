/**
 * Passkeys in the browser through @simplewebauthn/browser (loaded only when a passkey is used): the API hands out
 * the options (PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON), the browser's authenticator answers,
 * and the answer goes back to the API as it is.
 */
import { securityApi } from './api';

type Json = Record<string, unknown>;

/** Whether this browser can use passkeys at all (WebAuthn). */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
}

/** Creates a passkey on this device and registers it under `name`. */
export async function registerPasskey(name: string) {
  const [{ startRegistration }, { options }] = await Promise.all([import('@simplewebauthn/browser'), securityApi.passkeyRegistrationOptions()]);
  const response = await startRegistration({ optionsJSON: options as never });
  return securityApi.registerPasskey({ response: response as unknown as Json, name });
}

/** Passes the second-factor check with one of the user's passkeys. */
export async function verifyWithPasskey() {
  const [{ startAuthentication }, { options }] = await Promise.all([import('@simplewebauthn/browser'), securityApi.passkeyOptions()]);
  const response = await startAuthentication({ optionsJSON: options as never });
  return securityApi.challengePasskey(response as unknown as Json);
}

/** The person closed the browser's passkey prompt, or the device has no passkey for this portal. */
export function passkeyCancelled(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  return name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED';
}
