import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, Public, RequireHiddenPermission, RequirePermission, RequireRecentSecondFactor } from '../../common/decorators';
import {
  CreateSafeguardingReportDto, FocalPointDto, FocalPointListDto, FollowUpDto, FollowUpMessageDto, SafeguardingFollowUpViewDto, SafeguardingMessageDto,
  SafeguardingReceiptDto, SafeguardingReportDetailDto, SafeguardingReportListDto, SafeguardingStatusDto,
} from './dtos/safeguarding.dtos';
import { SafeguardingService } from './safeguarding.service';

const uuid = new ParseUUIDPipe();

/**
 * The confidential safeguarding channel: anyone reports a concern and follows it with a code (public, throttled); the
 * focal points read and handle reports (404 for everyone else, an admin too); an admin designates the focal points.
 */
@ApiTags('safeguarding')
@Controller('safeguarding')
export class SafeguardingController {
  constructor(private readonly safeguarding: SafeguardingService) {}

  @Post('reports') @Public() @UseGuards(ThrottlerGuard)
  @ApiCreatedResponse({ type: SafeguardingReceiptDto, description: 'Received; the follow-up code is shown this once' })
  report(@CurrentUser() user: AuthUser | undefined, @Body() dto: CreateSafeguardingReportDto) {
    return this.safeguarding.report(dto, user);
  }

  @Post('follow-up') @HttpCode(200) @Public() @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: SafeguardingFollowUpViewDto, description: 'The case as the reporter sees it (404 for an unknown code)' })
  followUp(@Body() dto: FollowUpDto) {
    return this.safeguarding.followUp(dto.code);
  }

  @Post('follow-up/messages') @HttpCode(200) @Public() @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: SafeguardingFollowUpViewDto, description: 'The reporter answers; the focal points are told (without content)' })
  reporterMessage(@Body() dto: FollowUpMessageDto) {
    return this.safeguarding.reporterMessage(dto.code, dto.body);
  }

  @Get('reports') @RequireHiddenPermission('safeguarding.handle')
  @ApiOkResponse({ type: SafeguardingReportListDto, description: 'The focal points’ inbox (404 for anyone else)' })
  list(@CurrentUser() user: AuthUser) {
    return this.safeguarding.list(user);
  }

  @Get('reports/:id') @RequireHiddenPermission('safeguarding.handle')
  @ApiOkResponse({ type: SafeguardingReportDetailDto, description: 'The case; the opening is recorded in the audit trail' })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.safeguarding.view(user, id);
  }

  @Post('reports/:id/messages') @HttpCode(200) @RequireHiddenPermission('safeguarding.handle')
  @ApiOkResponse({ type: SafeguardingReportDetailDto, description: 'A message to the reporter; their e-mail (if any) says only that there is news' })
  message(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SafeguardingMessageDto) {
    return this.safeguarding.message(user, id, dto.body);
  }

  @Post('reports/:id/status') @HttpCode(200) @RequireHiddenPermission('safeguarding.handle')
  @ApiOkResponse({ type: SafeguardingReportDetailDto, description: 'received → under_review → closed (with an outcome)' })
  changeStatus(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SafeguardingStatusDto) {
    return this.safeguarding.changeStatus(user, id, dto);
  }

  @Get('focal-points') @RequirePermission('user.invite')
  @ApiOkResponse({ type: FocalPointListDto, description: 'The staff accounts and which are focal points (admins)' })
  focalPoints(@CurrentUser() user: AuthUser) {
    return this.safeguarding.focalPoints(user);
  }

  @Put('focal-points/:userId') @RequirePermission('user.deactivate') @RequireRecentSecondFactor()
  @ApiOkResponse({ type: FocalPointListDto, description: 'Designates or removes a focal point (audited); the admin still reads no report' })
  setFocalPoint(@CurrentUser() user: AuthUser, @Param('userId', uuid) userId: string, @Body() dto: FocalPointDto) {
    return this.safeguarding.setFocalPoint(user, userId, dto.focalPoint);
  }
}
