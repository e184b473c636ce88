import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, RequirePermission } from '../../common/decorators';
import { ChangePasswordDto, InviteStaffDto, ListUsersQuery, UpdateMeDto } from './dtos/users.dtos';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Patch('users/me') @Authenticated()
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto) {
    return this.users.updateMe(user, dto);
  }

  @Post('users/me/password') @HttpCode(204) @Authenticated()
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto) {
    return this.users.changePassword(user, dto);
  }

  @Get('users') @RequirePermission('user.list')
  list(@Query() q: ListUsersQuery) {
    return this.users.list(q);
  }

  @Post('users/:id/deactivate') @HttpCode(204) @RequirePermission('user.deactivate')
  deactivate(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.setActive(user, id, false);
  }

  @Post('users/:id/reactivate') @HttpCode(204) @RequirePermission('user.deactivate')
  reactivate(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.setActive(user, id, true);
  }

  @Get('invitations') @RequirePermission('user.invite')
  invitations() {
    return this.users.listInvitations();
  }

  @Post('invitations') @RequirePermission('user.invite')
  invite(@CurrentUser() user: AuthUser, @Body() dto: InviteStaffDto) {
    return this.users.inviteStaff(user, dto);
  }

  @Delete('invitations/:id') @HttpCode(204) @RequirePermission('user.invite')
  revoke(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.revokeInvitation(user, id);
  }
}
