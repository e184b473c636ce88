/**
 * The second-factor answers and bodies (issue 14), named from the generated OpenAPI schema (libs/api-client):
 * the API's DTOs are the one source of these shapes.
 */
import type { Schemas } from '../../api/client';

export type SecondFactorStatus = Schemas['SecondFactorStatusResponseDto'];
export type Passkey = Schemas['PasskeyResponseDto'];
export type TotpSetup = Schemas['TotpSetupResponseDto'];
export type FactorEnrolled = Schemas['FactorEnrolledResponseDto'];
export type RecoveryCodes = Schemas['RecoveryCodesResponseDto'];
/** Where the session stands: verified, not_enrolled_optional, challenge (give the factor) or enrol (forced). */
export type SecondFactorState = Schemas['MeResponseDto']['secondFactor']['state'];
