import { ApiProperty } from '@nestjs/swagger';
import { SECOND_FACTOR_METHODS, SECOND_FACTOR_STATES, type SecondFactorMethod, type SecondFactorState } from '@grants/domain';
import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../common/validators';

// ---------------------------------------------------------------------------------------------------- inputs

/** A six-digit code from the authenticator app, or a recovery code (`xxxx-xxxx-xx`). */
export class SecondFactorCodeDto {
  @IsString() @IsNotEmpty() @MaxLength(40) code!: string;
}

/** The browser's answer to navigator.credentials.create (RegistrationResponseJSON) and a name the user recognises. */
export class RegisterPasskeyDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() response!: Record<string, unknown>;
  @IsString() @IsNotBlank() @MaxLength(100) name!: string;
}

/** The browser's answer to navigator.credentials.get (AuthenticationResponseJSON). */
export class PasskeyAssertionDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() response!: Record<string, unknown>;
}

/** Why an admin resets a user's factors: kept in the audit trail. */
export class ResetSecondFactorsDto {
  @IsString() @IsNotBlank() @MaxLength(500) reason!: string;
}

// ---------------------------------------------------------------------------------------------------- answers

/** Where the session stands with second factors (part of /api/auth/me). */
export class MeSecondFactorResponseDto {
  @ApiProperty({ enum: SECOND_FACTOR_STATES }) state!: SecondFactorState;
  /** The factors the user can answer a challenge with. */
  @ApiProperty({ enum: SECOND_FACTOR_METHODS, isArray: true }) methods!: SecondFactorMethod[];
  /** ISO instant this session last passed a factor. */
  verifiedAt!: string | null;
}

/** A registered passkey. */
export class PasskeyResponseDto {
  id!: string;
  name!: string;
  /** ISO instant. */
  createdAt!: string;
  /** ISO instant. */
  lastUsedAt!: string | null;
}

/** The user's second factors: what the security page lists. */
export class SecondFactorStatusResponseDto {
  /** Whether the role must have a second factor. */
  required!: boolean;
  @ApiProperty({ enum: SECOND_FACTOR_STATES }) state!: SecondFactorState;
  /** Whether a confirmed authenticator app is set up. */
  totp!: boolean;
  passkeys!: PasskeyResponseDto[];
  recoveryCodesLeft!: number;
  /** ISO instant this session last passed a factor. */
  verifiedAt!: string | null;
}

/** A new authenticator-app secret, unconfirmed until a first code is right. */
export class TotpSetupResponseDto {
  /** Base32, for typing into the app. */
  secret!: string;
  otpauthUri!: string;
  /** The otpauth URI as an SVG QR code. */
  qrSvg!: string;
}

/** A factor was added. The recovery codes are shown once, with the first factor only. */
export class FactorEnrolledResponseDto {
  recoveryCodes!: string[] | null;
  status!: SecondFactorStatusResponseDto;
}

/** WebAuthn options for @simplewebauthn/browser (PublicKeyCredentialCreationOptionsJSON or …RequestOptionsJSON). */
export class PasskeyOptionsResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) options!: Record<string, unknown>;
}

/** A new set of recovery codes (the old ones are void), shown once. */
export class RecoveryCodesResponseDto {
  recoveryCodes!: string[];
}
