import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { ActionPointsService } from './action-points.service';
import { ActionPointVersionDto, AnswerActionPointDto, ListActionPointsQuery, MonitoringPriorityQuery, ReopenActionPointDto } from './dtos/monitoring.dtos';
import { ActionPointListResponseDto, ActionPointResponseDto, MonitoringPriorityListResponseDto } from './dtos/monitoring-response.dto';
import { MonitoringPriorityService } from './monitoring-priority.service';

const uuid = new ParseUUIDPipe();

/** Action points of shared visit reports: lists with filters, the owner's answer, the monitor's verification. */
@ApiTags('monitoring')
@Controller()
export class ActionPointsController {
  constructor(private readonly points: ActionPointsService, private readonly priority: MonitoringPriorityService) {}

  @Get('action-points') @RequirePermission('action_point.read')
  @ApiOkResponse({ type: ActionPointListResponseDto, description: 'Escalated first, then overdue, by priority and due date; the Secretariat every live point, a monitor its grants\', an organisation its own' })
  list(@CurrentUser() user: AuthUser, @Query() q: ListActionPointsQuery) {
    return this.points.list(user, q);
  }

  @Get('action-points/:id') @RequirePermission('action_point.read')
  @ApiOkResponse({ type: ActionPointResponseDto })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.points.view(user, id);
  }

  @Post('action-points/:id/answer') @HttpCode(200) @RequirePermission('action_point.read')
  @ApiOkResponse({ type: ActionPointResponseDto, description: 'The owner answers with what was done and/or evidence; the monitor is told' })
  answer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AnswerActionPointDto) {
    return this.points.answer(user, id, dto);
  }

  @Post('action-points/:id/close') @HttpCode(200) @RequirePermission('monitoring.visit')
  @ApiOkResponse({ type: ActionPointResponseDto, description: "The grant's monitor verified the answer and closes the point" })
  close(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ActionPointVersionDto) {
    return this.points.close(user, id, dto.version);
  }

  @Post('action-points/:id/reopen') @HttpCode(200) @RequirePermission('monitoring.visit')
  @ApiOkResponse({ type: ActionPointResponseDto, description: "The grant's monitor reopens the point saying why; the owner answers again" })
  reopen(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReopenActionPointDto) {
    return this.points.reopen(user, id, dto.version, dto.reason);
  }

  @Get('monitoring/priority') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: MonitoringPriorityListResponseDto, description: 'Grants in force by monitoring priority, the most urgent first, with the reasons and the rule' })
  priorityList(@CurrentUser() user: AuthUser, @Query() q: MonitoringPriorityQuery) {
    return this.priority.list(user, q);
  }
}
