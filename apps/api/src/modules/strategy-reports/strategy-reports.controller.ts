import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { CreateStrategyReportDto, StrategyReportExportQuery, StrategyReportVersionDto, UpdateStrategyReportDto } from './dtos/strategy-reports.dtos';
import { StrategyReportListResponseDto, StrategyReportResponseDto } from './dtos/strategy-reports-response.dto';
import { StrategyReportsService } from './strategy-reports.service';

const uuid = new ParseUUIDPipe();

/**
 * The Secretariat's 6-month and annual reports on the National Strategy: list, draft for a period, the report with its
 * figures per objective and narrative, edit (with the version), redraft, issue (frozen with its SHA-256), export as DOCX
 * or PDF in en / sq / sr. Record access in the service (observers read issued reports only; monitors none).
 */
@ApiTags('strategy-reports')
@Controller('strategy-reports')
export class StrategyReportsController {
  constructor(private readonly reports: StrategyReportsService) {}

  @Get() @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: StrategyReportListResponseDto, description: 'The Secretariat: drafts and issued reports; an observer: issued reports; latest period first' })
  list(@CurrentUser() user: AuthUser) {
    return this.reports.list(user);
  }

  @Post() @RequirePermission('strategy_report.manage')
  @ApiOkResponse({ type: StrategyReportResponseDto, description: "Drafts the report of a period from the portfolio's figures (409 already_drafted when one exists)" })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateStrategyReportDto) {
    return this.reports.create(user, dto);
  }

  @Get(':id') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: StrategyReportResponseDto, description: 'The report: figures per Strategy objective (beneficiaries suppressed) and the narrative' })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.reports.view(user, id);
  }

  @Patch(':id') @RequirePermission('strategy_report.manage')
  @ApiOkResponse({ type: StrategyReportResponseDto, description: "Saves the draft's narrative at the version it was read at (409 version_conflict; 409 report_issued once issued)" })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateStrategyReportDto) {
    return this.reports.update(user, id, dto);
  }

  @Post(':id/redraft') @HttpCode(200) @RequirePermission('strategy_report.manage')
  @ApiOkResponse({ type: StrategyReportResponseDto, description: "Refreshes a draft's figures from the portfolio; the narrative is kept" })
  redraft(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: StrategyReportVersionDto) {
    return this.reports.redraft(user, id, dto.version);
  }

  @Post(':id/issue') @HttpCode(200) @RequirePermission('strategy_report.manage')
  @ApiOkResponse({ type: StrategyReportResponseDto, description: 'Issues the report: frozen with the SHA-256 of its canonical content' })
  issue(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: StrategyReportVersionDto) {
    return this.reports.issue(user, id, dto.version);
  }

  @Get(':id/export') @RequirePermission('portfolio.read') @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({ description: 'The report as DOCX (editable) or PDF in the language and script asked; a draft is marked DRAFT', schema: { type: 'string', format: 'binary' } })
  async export(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: StrategyReportExportQuery, @Res() res: Response) {
    const file = await this.reports.export(user, id, q);
    res.setHeader('Content-Type', file.contentType).setHeader('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body);
  }
}
