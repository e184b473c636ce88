import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, RequirePermission } from '../../common/decorators';
import {
  CreateExpenditureReportDto, ExpenditureReportResponseDto, ExpenditureVersionDto, GrantExpenditureResponseDto, ReviewExpenditureReportDto, SaveExpenditureReportDto,
} from './dtos/expenditure.dtos';
import { ExpenditureReportsService } from './expenditure-reports.service';

const uuid = new ParseUUIDPipe();

/**
 * Expenditure reports: the grant's statement (budget vs spent by line, burn rate), the organisation's draft for the
 * next period, its lines and documents, its submission; the Secretariat's acceptance or return with comments per line.
 */
@ApiTags('expenditure')
@Controller()
export class ExpenditureReportsController {
  constructor(private readonly reports: ExpenditureReportsService) {}

  @Get('grants/:id/expenditure') @Authenticated()
  @ApiOkResponse({ type: GrantExpenditureResponseDto, description: 'Budget vs spent by approved line over every accepted report, the burn rate against time elapsed, the reports, the next period' })
  overview(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.reports.overview(user, id);
  }

  @Post('grants/:id/expenditure-reports') @RequirePermission('grant.act.own')
  @ApiCreatedResponse({ type: ExpenditureReportResponseDto, description: 'A draft for the next period of the grant in force (409 while another report is open)' })
  create(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateExpenditureReportDto) {
    return this.reports.create(user, id, dto);
  }

  @Get('expenditure-reports/:id') @Authenticated()
  @ApiOkResponse({ type: ExpenditureReportResponseDto })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.reports.view(user, id);
  }

  @Put('expenditure-reports/:id') @RequirePermission('grant.act.own')
  @ApiOkResponse({ type: ExpenditureReportResponseDto, description: 'The organisation saves what it spent per line and its supporting documents (draft or returned)' })
  save(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SaveExpenditureReportDto) {
    return this.reports.save(user, id, dto);
  }

  @Post('expenditure-reports/:id/submit') @HttpCode(200) @RequirePermission('grant.act.own')
  @ApiOkResponse({ type: ExpenditureReportResponseDto, description: 'Submitted for review; 422 invalid_report names each line and field at fault' })
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ExpenditureVersionDto) {
    return this.reports.submit(user, id, dto.version);
  }

  @Post('expenditure-reports/:id/review') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: ExpenditureReportResponseDto, description: 'The Secretariat accepts the report, or returns it with a comment on the report or its lines' })
  review(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReviewExpenditureReportDto) {
    return this.reports.review(user, id, dto);
  }

  @Get('expenditure-reports/:id/files/:fileId') @Authenticated() @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'A supporting document of the report', schema: { type: 'string', format: 'binary' } })
  async file(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('fileId', uuid) fileId: string, @Res() res: Response) {
    const { file, stream } = await this.reports.fileOf(user, id, fileId);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('X-Content-SHA256', file.sha256);
    res.setHeader('Cache-Control', 'private, no-store');
    stream.pipe(res);
  }
}
