import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, Public } from '../../common/decorators';
import { toMe } from '../users/user-view';
import { AuthService } from './auth.service';
import { AcceptInvitationDto, EmailDto, LoginDto, RegisterDto, ResetPasswordDto, TokenDto } from './dtos/auth.dtos';
import { LoginGuard } from './local.strategy';
import { ensureCsrfToken, login, logout, rotateCsrfToken } from './session';

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('csrf') @Public()
  csrf(@Req() req: Request) {
    return { csrfToken: ensureCsrfToken(req) };
  }

  @Post('register') @Public()
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  @Post('verify-email') @HttpCode(200) @Public()
  verifyEmail(@Body() dto: TokenDto) {
    return this.auth.verifyEmail(dto.token);
  }

  @Post('resend-verification') @HttpCode(202) @Public()
  async resend(@Body() dto: EmailDto) {
    await this.auth.resendVerification(dto.email);
    return { message: 'If the address has an unconfirmed account, a new link is on its way.' };
  }

  @Post('login') @HttpCode(200) @Public() @UseGuards(LoginGuard)
  login(@Req() req: Request, @Body() _dto: LoginDto) {
    return { user: toMe(req.user as AuthUser), csrfToken: rotateCsrfToken(req) };
  }

  @Post('logout') @HttpCode(200) @Public()
  async logout(@Req() req: Request) {
    await logout(req);
    return { csrfToken: rotateCsrfToken(req) };
  }

  @Get('me') @Authenticated()
  me(@CurrentUser() user: AuthUser) {
    return toMe(user);
  }

  @Post('forgot-password') @HttpCode(202) @Public()
  async forgot(@Body() dto: EmailDto) {
    await this.auth.forgotPassword(dto.email);
    return { message: 'If an account exists for this address, a link to reset the password is on its way.' };
  }

  @Post('reset-password') @HttpCode(200) @Public()
  reset(@Body() dto: ResetPasswordDto) {
    return this.auth.resetPassword(dto.token, dto.password);
  }

  @Get('invitations/:token') @Public()
  invitation(@Param('token') token: string) {
    return this.auth.invitation(token);
  }

  @Post('accept-invitation') @HttpCode(200) @Public()
  async accept(@Req() req: Request, @Body() dto: AcceptInvitationDto) {
    const user = await this.auth.acceptInvitation(dto);
    await login(req, user);
    return { user: toMe(user), csrfToken: rotateCsrfToken(req) };
  }
}
