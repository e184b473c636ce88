import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { AllowPendingSecondFactor, Authenticated, CurrentUser, Public } from '../../common/decorators';
import { toMe } from '../users/user-view';
import { MeResponseDto } from '../users/dtos/user-response.dto';
import { AuthService } from './auth.service';
import { CsrfResponseDto, InvitationPreviewResponseDto, MessageResponseDto, SessionResponseDto } from './dtos/auth-response.dto';
import { AcceptInvitationDto, EmailDto, LoginDto, RegisterDto, ResetPasswordDto, TokenDto } from './dtos/auth.dtos';
import { LoginGuard } from './local.strategy';
import { ensureCsrfToken, login, logout, rotateCsrfToken } from './session';

/** Only the credential routes count against the per-address limit (AUTH_RATE_LIMIT a minute); csrf, me and logout do not. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('csrf') @Public() @ApiOkResponse({ type: CsrfResponseDto })
  csrf(@Req() req: Request): CsrfResponseDto {
    return { csrfToken: ensureCsrfToken(req) };
  }

  @Post('register') @Public() @UseGuards(ThrottlerGuard) @ApiCreatedResponse({ type: MessageResponseDto })
  register(@Body() dto: RegisterDto): Promise<MessageResponseDto> {
    return this.auth.register(dto);
  }

  @Post('verify-email') @HttpCode(200) @Public() @ApiOkResponse({ type: MessageResponseDto })
  verifyEmail(@Body() dto: TokenDto): Promise<MessageResponseDto> {
    return this.auth.verifyEmail(dto.token);
  }

  @Post('resend-verification') @HttpCode(202) @Public() @UseGuards(ThrottlerGuard) @ApiAcceptedResponse({ type: MessageResponseDto })
  async resend(@Body() dto: EmailDto): Promise<MessageResponseDto> {
    await this.auth.resendVerification(dto.email);
    return { message: 'If the address has an unconfirmed account, a new link is on its way.' };
  }

  @Post('login') @HttpCode(200) @Public() @UseGuards(ThrottlerGuard, LoginGuard) @ApiOkResponse({ type: SessionResponseDto })
  login(@Req() req: Request, @Body() _dto: LoginDto): SessionResponseDto {
    return { user: toMe(req.user as AuthUser), csrfToken: rotateCsrfToken(req) };
  }

  @Post('logout') @HttpCode(200) @Public() @ApiOkResponse({ type: CsrfResponseDto })
  async logout(@Req() req: Request): Promise<CsrfResponseDto> {
    await logout(req);
    return { csrfToken: rotateCsrfToken(req) };
  }

  @Get('me') @Authenticated() @AllowPendingSecondFactor('challenge', 'enrol') @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: AuthUser): MeResponseDto {
    return toMe(user);
  }

  @Post('forgot-password') @HttpCode(202) @Public() @UseGuards(ThrottlerGuard) @ApiAcceptedResponse({ type: MessageResponseDto })
  async forgot(@Body() dto: EmailDto): Promise<MessageResponseDto> {
    await this.auth.forgotPassword(dto.email);
    return { message: 'If an account exists for this address, a link to reset the password is on its way.' };
  }

  @Post('reset-password') @HttpCode(200) @Public() @UseGuards(ThrottlerGuard) @ApiOkResponse({ type: MessageResponseDto })
  reset(@Body() dto: ResetPasswordDto): Promise<MessageResponseDto> {
    return this.auth.resetPassword(dto.token, dto.password);
  }

  @Get('invitations/:token') @Public() @ApiOkResponse({ type: InvitationPreviewResponseDto })
  invitation(@Param('token') token: string): Promise<InvitationPreviewResponseDto> {
    return this.auth.invitation(token);
  }

  @Post('accept-invitation') @HttpCode(200) @Public() @UseGuards(ThrottlerGuard) @ApiOkResponse({ type: SessionResponseDto })
  async accept(@Req() req: Request, @Body() dto: AcceptInvitationDto): Promise<SessionResponseDto> {
    const user = await this.auth.acceptInvitation(dto);
    await login(req, user);
    return { user: toMe(user), csrfToken: rotateCsrfToken(req) };
  }
}
