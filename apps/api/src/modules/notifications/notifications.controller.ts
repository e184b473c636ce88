import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { ListNotificationsQuery, SetPreferencesDto } from './dtos/notification.dtos';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly service: NotificationsService) {}

  @Get('notifications') @RequirePermission('notification.read.own')
  list(@CurrentUser() user: AuthUser, @Query() q: ListNotificationsQuery) {
    return this.service.list(user, { unread: q.unread === 'true', page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  }

  @Post('notifications/read-all') @HttpCode(204) @RequirePermission('notification.read.own')
  readAll(@CurrentUser() user: AuthUser) {
    return this.service.markAllRead(user);
  }

  @Post('notifications/:id/read') @HttpCode(204) @RequirePermission('notification.read.own')
  read(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.markRead(user, id);
  }

  @Get('users/me/notification-preferences') @RequirePermission('notification.read.own')
  preferences(@CurrentUser() user: AuthUser) {
    return this.service.preferences(user);
  }

  @Put('users/me/notification-preferences') @RequirePermission('notification.read.own')
  setPreferences(@CurrentUser() user: AuthUser, @Body() body: SetPreferencesDto) {
    return this.service.setPreferences(user, body.items);
  }
}
