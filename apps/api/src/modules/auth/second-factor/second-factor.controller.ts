import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuthUser } from '../../../common/auth-user';
import { AllowPendingSecondFactor, Authenticated, CurrentUser, RequirePermission, RequireRecentSecondFactor } from '../../../common/decorators';
import { SessionResponseDto } from '../dtos/auth-response.dto';
import {
  FactorEnrolledResponseDto, PasskeyAssertionDto, PasskeyOptionsResponseDto, RecoveryCodesResponseDto, RegisterPasskeyDto,
  ResetSecondFactorsDto, SecondFactorCodeDto, SecondFactorStatusResponseDto, TotpSetupResponseDto,
} from './second-factor.dto';
import { SecondFactorService } from './second-factor.service';

/**
 * Second factors (issue 14). Enrolment routes serve a user who must enrol (`enrol`) or one who has passed the factor;
 * adding a factor when one exists wants a recent check (step-up). Challenge routes serve a user who has not passed it
 * yet (`challenge`) or is stepping up, and count against the auth rate limit.
 */
@ApiTags('second-factor')
@Controller()
export class SecondFactorController {
  constructor(private readonly sf: SecondFactorService) {}

  @Get('auth/second-factor') @Authenticated() @AllowPendingSecondFactor('challenge', 'enrol') @ApiOkResponse({ type: SecondFactorStatusResponseDto })
  status(@CurrentUser() user: AuthUser): Promise<SecondFactorStatusResponseDto> {
    return this.sf.status(user);
  }

  @Post('auth/second-factor/totp/setup') @HttpCode(200) @Authenticated() @AllowPendingSecondFactor('enrol') @RequireRecentSecondFactor()
  @ApiOkResponse({ type: TotpSetupResponseDto })
  totpSetup(@CurrentUser() user: AuthUser): Promise<TotpSetupResponseDto> {
    return this.sf.totpSetup(user);
  }

  @Post('auth/second-factor/totp/confirm') @HttpCode(200) @Authenticated() @AllowPendingSecondFactor('enrol') @RequireRecentSecondFactor()
  @UseGuards(ThrottlerGuard) @ApiOkResponse({ type: FactorEnrolledResponseDto })
  totpConfirm(@CurrentUser() user: AuthUser, @Body() dto: SecondFactorCodeDto, @Req() req: Request): Promise<FactorEnrolledResponseDto> {
    return this.sf.totpConfirm(user, dto.code, req);
  }

  @Delete('auth/second-factor/totp') @HttpCode(204) @Authenticated() @RequireRecentSecondFactor() @ApiNoContentResponse({ description: 'Authenticator app removed' })
  removeTotp(@CurrentUser() user: AuthUser): Promise<void> {
    return this.sf.removeTotp(user);
  }

  @Post('auth/second-factor/passkeys/registration-options') @HttpCode(200) @Authenticated() @AllowPendingSecondFactor('enrol') @RequireRecentSecondFactor()
  @ApiOkResponse({ type: PasskeyOptionsResponseDto })
  passkeyRegistrationOptions(@CurrentUser() user: AuthUser, @Req() req: Request): Promise<PasskeyOptionsResponseDto> {
    return this.sf.passkeyRegistrationOptions(user, req);
  }

  @Post('auth/second-factor/passkeys') @HttpCode(200) @Authenticated() @AllowPendingSecondFactor('enrol') @RequireRecentSecondFactor()
  @ApiOkResponse({ type: FactorEnrolledResponseDto })
  registerPasskey(@CurrentUser() user: AuthUser, @Body() dto: RegisterPasskeyDto, @Req() req: Request): Promise<FactorEnrolledResponseDto> {
    return this.sf.registerPasskey(user, dto.response, dto.name, req);
  }

  @Delete('auth/second-factor/passkeys/:id') @HttpCode(204) @Authenticated() @RequireRecentSecondFactor() @ApiNoContentResponse({ description: 'Passkey removed' })
  removePasskey(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.sf.removePasskey(user, id);
  }

  @Post('auth/second-factor/challenge/totp') @HttpCode(200) @Authenticated() @AllowPendingSecondFactor('challenge') @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: SessionResponseDto })
  challengeTotp(@CurrentUser() user: AuthUser, @Body() dto: SecondFactorCodeDto, @Req() req: Request): Promise<SessionResponseDto> {
    return this.sf.challengeTotp(user, dto.code, req);
  }

  @Post('auth/second-factor/challenge/recovery') @HttpCode(200) @Authenticated() @AllowPendingSecondFactor('challenge') @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: SessionResponseDto })
  challengeRecovery(@CurrentUser() user: AuthUser, @Body() dto: SecondFactorCodeDto, @Req() req: Request): Promise<SessionResponseDto> {
    return this.sf.challengeRecovery(user, dto.code, req);
  }

  @Post('auth/second-factor/challenge/passkey-options') @HttpCode(200) @Authenticated() @AllowPendingSecondFactor('challenge') @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: PasskeyOptionsResponseDto })
  passkeyChallengeOptions(@CurrentUser() user: AuthUser, @Req() req: Request): Promise<PasskeyOptionsResponseDto> {
    return this.sf.passkeyChallengeOptions(user, req);
  }

  @Post('auth/second-factor/challenge/passkey') @HttpCode(200) @Authenticated() @AllowPendingSecondFactor('challenge') @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: SessionResponseDto })
  challengePasskey(@CurrentUser() user: AuthUser, @Body() dto: PasskeyAssertionDto, @Req() req: Request): Promise<SessionResponseDto> {
    return this.sf.challengePasskey(user, dto.response, req);
  }

  @Post('auth/second-factor/recovery-codes') @HttpCode(200) @Authenticated() @RequireRecentSecondFactor() @ApiOkResponse({ type: RecoveryCodesResponseDto })
  recoveryCodes(@CurrentUser() user: AuthUser): Promise<RecoveryCodesResponseDto> {
    return this.sf.newRecoveryCodes(user);
  }

  @Post('users/:id/second-factors/reset') @HttpCode(204) @RequirePermission('user.deactivate') @RequireRecentSecondFactor()
  @ApiNoContentResponse({ description: "The user's second factors are gone, their sessions end; they enrol again at the next login" })
  reset(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResetSecondFactorsDto): Promise<void> {
    return this.sf.adminReset(user, id, dto.reason);
  }
}
