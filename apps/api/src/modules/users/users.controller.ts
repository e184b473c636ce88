import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { AllowPendingSecondFactor, Authenticated, CurrentUser, RequirePermission, RequireRecentSecondFactor } from '../../common/decorators';
import { InvitationListItemResponseDto, MeResponseDto, StaffInvitationResponseDto, UserPageResponseDto } from './dtos/user-response.dto';
import { ChangePasswordDto, InviteStaffDto, ListUsersQuery, UpdateMeDto } from './dtos/users.dtos';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  // the language can be chosen on the login's second step and the enrolment page too (the service refuses the rest)
  @Patch('users/me') @Authenticated() @AllowPendingSecondFactor('challenge', 'enrol') @ApiOkResponse({ type: MeResponseDto })
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<MeResponseDto> {
    return this.users.updateMe(user, dto);
  }

  @Post('users/me/password') @HttpCode(204) @Authenticated() @UseGuards(ThrottlerGuard) @ApiNoContentResponse({ description: 'Password changed; the other sessions end' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<void> {
    return this.users.changePassword(user, dto, req.sessionID);
  }

  @Get('users') @RequirePermission('user.list') @ApiOkResponse({ type: UserPageResponseDto })
  list(@Query() q: ListUsersQuery): Promise<UserPageResponseDto> {
    return this.users.list(q);
  }

  @Post('users/:id/deactivate') @HttpCode(204) @RequirePermission('user.deactivate') @RequireRecentSecondFactor() @ApiNoContentResponse({ description: 'Deactivated; their sessions end' })
  deactivate(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.users.setActive(user, id, false);
  }

  @Post('users/:id/reactivate') @HttpCode(204) @RequirePermission('user.deactivate') @RequireRecentSecondFactor() @ApiNoContentResponse({ description: 'Reactivated' })
  reactivate(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.users.setActive(user, id, true);
  }

  @Get('invitations') @RequirePermission('user.invite') @ApiOkResponse({ type: [InvitationListItemResponseDto] })
  invitations(): Promise<InvitationListItemResponseDto[]> {
    return this.users.listInvitations();
  }

  @Post('invitations') @RequirePermission('user.invite') @RequireRecentSecondFactor() @ApiCreatedResponse({ type: StaffInvitationResponseDto })
  invite(@CurrentUser() user: AuthUser, @Body() dto: InviteStaffDto): Promise<StaffInvitationResponseDto> {
    return this.users.inviteStaff(user, dto);
  }

  @Delete('invitations/:id') @HttpCode(204) @RequirePermission('user.invite') @ApiNoContentResponse({ description: 'Invitation revoked' })
  revoke(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.users.revokeInvitation(user, id);
  }
}
