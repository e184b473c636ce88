import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import {
  CompareNarrativeReportQuery, ExtensionDecisionInputDto, ExtensionRequestInputDto, ListNarrativeReportsQuery, NarrativeActivityDto, NarrativeIndicatorValueDto,
  NarrativeReportCommentInputDto, NarrativeReportVersionInputDto, NarrativeSummaryDto, ReturnNarrativeReportDto, SaveNarrativeReportDto, SubmitNarrativeReportDto,
} from './dtos/narrative-reports.dtos';
import {
  NarrativeReportCompareResponseDto, NarrativeReportFrozenVersionResponseDto, NarrativeReportListResponseDto, NarrativeReportResponseDto, PrivacyScanResponseDto,
  SuppressedCountResponseDto,
} from './dtos/narrative-reports-response.dto';
import { NarrativeReportsService } from './narrative-reports.service';
import { ReportExtensionsService } from './report-extensions.service';

const uuid = new ParseUUIDPipe();

/**
 * Interim and final (narrative) reports: the list, one report against the logframe, the organisation's draft and its
 * personal-data scan, submission (frozen with its SHA-256), the Secretariat's review, frozen versions and their
 * comparison, comments, and requests for more time. Record access in the services.
 */
@ApiTags('reports')
@ApiExtraModels(NarrativeSummaryDto, NarrativeActivityDto, NarrativeIndicatorValueDto, SuppressedCountResponseDto)
@Controller()
export class NarrativeReportsController {
  constructor(private readonly reports: NarrativeReportsService, private readonly extensions: ReportExtensionsService) {}

  @Get('reports') @RequirePermission('narrative_report.read')
  @ApiOkResponse({ type: NarrativeReportListResponseDto, description: "The organisation its grants' reports, a monitor its grants', the Secretariat and observers all; overdue first, then by due date" })
  list(@CurrentUser() user: AuthUser, @Query() q: ListNarrativeReportsQuery) {
    return this.reports.list(user, q);
  }

  @Get('grants/:id/reports') @RequirePermission('narrative_report.read')
  @ApiOkResponse({ type: NarrativeReportListResponseDto, description: "The grant's reports of its reporting schedule" })
  ofGrant(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.reports.ofGrant(user, id);
  }

  @Get('reports/:id') @RequirePermission('narrative_report.read')
  @ApiOkResponse({ type: NarrativeReportResponseDto, description: 'The report against the logframe; beneficiary counts from 1 to 4 are "<5" for anyone but the organisation' })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.reports.view(user, id);
  }

  @Put('reports/:id') @RequirePermission('report.submit')
  @ApiOkResponse({ type: NarrativeReportResponseDto, description: 'The organisation saves its draft at the version it was edited from (409 version_conflict if it changed since)' })
  save(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SaveNarrativeReportDto) {
    return this.reports.save(user, id, dto);
  }

  @Post('reports/:id/privacy-scan') @HttpCode(200) @RequirePermission('report.submit')
  @ApiOkResponse({ type: PrivacyScanResponseDto, description: 'What looks like personal data of a beneficiary in the free text as saved' })
  privacyScan(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.reports.privacyScan(user, id);
  }

  @Post('reports/:id/submit') @HttpCode(200) @RequirePermission('report.submit')
  @ApiOkResponse({ type: NarrativeReportResponseDto, description: 'Submitted once complete and every finding of the scan confirmed (422 names each field); frozen with its SHA-256; the Secretariat and the monitor are told' })
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SubmitNarrativeReportDto) {
    return this.reports.submit(user, id, dto);
  }

  @Post('reports/:id/accept') @HttpCode(200) @RequirePermission('report.review')
  @ApiOkResponse({ type: NarrativeReportResponseDto, description: 'The Secretariat accepts the submitted report; the organisation is told' })
  accept(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: NarrativeReportVersionInputDto) {
    return this.reports.accept(user, id, dto.version);
  }

  @Post('reports/:id/return') @HttpCode(200) @RequirePermission('report.review')
  @ApiOkResponse({ type: NarrativeReportResponseDto, description: 'The Secretariat returns the report with comments per section and per indicator; the organisation is told' })
  return(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReturnNarrativeReportDto) {
    return this.reports.return(user, id, dto);
  }

  @Get('reports/:id/versions/:version') @RequirePermission('narrative_report.read')
  @ApiOkResponse({ type: NarrativeReportFrozenVersionResponseDto, description: 'A submitted version as frozen (beneficiary counts suppressed for anyone but the organisation)' })
  version(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('version', ParseIntPipe) version: number) {
    return this.reports.frozenVersion(user, id, version);
  }

  @Get('reports/:id/compare') @RequirePermission('narrative_report.read')
  @ApiOkResponse({ type: NarrativeReportCompareResponseDto, description: 'The fields changed between two submitted versions' })
  compare(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: CompareNarrativeReportQuery) {
    return this.reports.compare(user, id, q.from, q.to);
  }

  @Post('reports/:id/comments') @HttpCode(200) @RequirePermission('narrative_report.read')
  @ApiOkResponse({ type: NarrativeReportResponseDto, description: "A comment appended by the grant's monitor, the organisation or the Secretariat" })
  comment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: NarrativeReportCommentInputDto) {
    return this.reports.comment(user, id, dto);
  }

  @Post('reports/:id/extension-requests') @HttpCode(200) @RequirePermission('report.submit')
  @ApiOkResponse({ type: NarrativeReportResponseDto, description: 'The organisation asks for a later due date, saying why; the Secretariat is told' })
  requestExtension(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ExtensionRequestInputDto) {
    return this.extensions.request(user, id, dto);
  }

  @Post('reports/:id/extension-requests/:requestId/decision') @HttpCode(200) @RequirePermission('report.review')
  @ApiOkResponse({ type: NarrativeReportResponseDto, description: 'The Secretariat grants (the due date moves) or refuses (saying why); the organisation is told' })
  decideExtension(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('requestId', uuid) requestId: string, @Body() dto: ExtensionDecisionInputDto) {
    return this.extensions.decide(user, id, requestId, dto);
  }
}
