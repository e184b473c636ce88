import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { NotificationPageResponseDto, NotificationPreferencesResponseDto } from './dtos/notification-response.dto';
import { ListNotificationsQuery, SetPreferencesDto } from './dtos/notification.dtos';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly service: NotificationsService) {}

  @Get('notifications') @RequirePermission('notification.read.own') @ApiOkResponse({ type: NotificationPageResponseDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ListNotificationsQuery): Promise<NotificationPageResponseDto> {
    return this.service.list(user, { unread: q.unread === 'true', page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  }

  @Post('notifications/read-all') @HttpCode(204) @RequirePermission('notification.read.own') @ApiNoContentResponse({ description: 'All marked read' })
  readAll(@CurrentUser() user: AuthUser): Promise<void> {
    return this.service.markAllRead(user);
  }

  @Post('notifications/:id/read') @HttpCode(204) @RequirePermission('notification.read.own') @ApiNoContentResponse({ description: 'Marked read' })
  read(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.service.markRead(user, id);
  }

  @Get('users/me/notification-preferences') @RequirePermission('notification.read.own') @ApiOkResponse({ type: NotificationPreferencesResponseDto })
  preferences(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesResponseDto> {
    return this.service.preferences(user);
  }

  @Put('users/me/notification-preferences') @RequirePermission('notification.read.own') @ApiOkResponse({ type: NotificationPreferencesResponseDto })
  setPreferences(@CurrentUser() user: AuthUser, @Body() body: SetPreferencesDto): Promise<NotificationPreferencesResponseDto> {
    return this.service.setPreferences(user, body.items);
  }
}
