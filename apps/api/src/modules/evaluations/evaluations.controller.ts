import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { sendSpreadsheet } from '../../common/spreadsheet';
import {
  ASSIGNMENT_ORIGIN_LABELS, ASSIGNMENT_STATUS_LABELS, RANKING_OUTCOME_LABELS, RANKING_REASON_LABELS, TIE_BREAK_LABELS, withValueLabels,
} from '../../common/export-values';
import { ExportQuery } from '../applications/dtos/application.dtos';
import {
  AddEvaluatorDto, ConflictDto, ManualAssignmentDto, RankingQuery, ReasonDto, SaveSheetDto, SignDeclarationDto, SubmitSheetDto,
} from './dtos/evaluation.dtos';
import {
  AssignmentResponseDto, AutoAssignResponseDto, ConflictAnswerResponseDto, DeclarationResponseDto, EvaluationOverviewResponseDto,
  EvaluatorCallsResponseDto, MyAssignmentsResponseDto, OkResponseDto, RankingResponseDto, SavedSheetResponseDto,
} from './dtos/evaluation-response.dto';
import { AssignmentsService } from './assignments.service';
import { evaluationReportPdf, type ReportInput } from './evaluation-pdf';
import { EvaluationPoolService } from './evaluation-pool.service';
import { RankingService } from './ranking.service';
import { ScoringService } from './scoring.service';

const uuid = new ParseUUIDPipe();

/** Evaluation: pool and declarations, assignments, scoring sheets, ranking and exports. Thin: every rule is in a service or libs/domain. */
@ApiTags('evaluation')
@Controller()
export class EvaluationsController {
  constructor(
    private readonly pool: EvaluationPoolService,
    private readonly assignments: AssignmentsService,
    private readonly scoring: ScoringService,
    private readonly rankings: RankingService,
  ) {}

  // The Secretariat

  @Get('calls/:id/evaluation') @RequirePermission('evaluation.manage')
  @ApiOkResponse({ type: EvaluationOverviewResponseDto })
  overview(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.pool.overview(user, id);
  }

  @Post('calls/:id/evaluators') @RequirePermission('evaluation.manage')
  @ApiCreatedResponse({ type: EvaluationOverviewResponseDto })
  addEvaluator(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AddEvaluatorDto) {
    return this.pool.addToPool(user, id, dto);
  }

  @Delete('calls/:id/evaluators/:userId') @RequirePermission('evaluation.manage')
  @ApiOkResponse({ type: EvaluationOverviewResponseDto })
  removeEvaluator(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string) {
    return this.pool.removeFromPool(user, id, userId);
  }

  @Post('calls/:id/assignments/auto') @HttpCode(200) @RequirePermission('evaluation.manage')
  @ApiOkResponse({ type: AutoAssignResponseDto })
  autoAssign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.assignments.autoAssign(user, id);
  }

  @Post('calls/:id/assignments') @RequirePermission('evaluation.manage')
  @ApiCreatedResponse({ type: EvaluationOverviewResponseDto })
  assign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ManualAssignmentDto) {
    return this.assignments.assignManually(user, id, dto);
  }

  @Delete('assignments/:id') @RequirePermission('evaluation.manage')
  @ApiOkResponse({ type: EvaluationOverviewResponseDto })
  unassign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.assignments.removeAssignment(user, id);
  }

  @Post('assignments/:id/reopen') @HttpCode(200) @RequirePermission('evaluation.manage')
  @ApiOkResponse({ type: OkResponseDto })
  reopen(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonDto) {
    return this.scoring.reopen(user, id, dto.reason);
  }

  /**
   * The ranking as the service keeps it (computed once per change of its inputs): its JSON bytes as they are, gzipped
   * once when the reader accepts gzip, with a strong ETag; a reader that sends it back (If-None-Match) gets a 304.
   */
  @Get('calls/:id/ranking') @RequirePermission('evaluation.manage')
  @ApiOkResponse({ type: RankingResponseDto })
  async ranking(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: RankingQuery, @Req() req: Request, @Res() res: Response) {
    const body = await this.rankings.rankingBody(user, id, q.envelopeCents);
    res.setHeader('ETag', body.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.fresh) return void res.status(304).end();
    res.type('application/json');
    if (req.acceptsEncodings('gzip') === 'gzip') {
      res.setHeader('Content-Encoding', 'gzip');
      return void res.end(await body.gzip());
    }
    res.end(body.json);
  }

  @Get('calls/:id/ranking/export') @RequirePermission('evaluation.manage')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The ranking of the call, as CSV or XLSX (format)', schema: { type: 'string', format: 'binary' } })
  async rankingExport(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ExportQuery, @Res() res: Response) {
    const { columns, rows: coded, reference, titles } = await this.rankings.rankingRows(user, id);
    const rows = withValueLabels(coded, { outcome: RANKING_OUTCOME_LABELS, reason: RANKING_REASON_LABELS, tie_broken_by: TIE_BREAK_LABELS }, user);
    await sendSpreadsheet(res, { format: q.format, fileName: `ranking-${reference}`, sheetName: 'Ranking', columns, rows, wide: ['organization'], reader: user, titles });
  }

  @Get('calls/:id/sheets/export') @RequirePermission('evaluation.manage')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Every sheet of the call, as CSV or XLSX (format)', schema: { type: 'string', format: 'binary' } })
  async sheetsExport(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ExportQuery, @Res() res: Response) {
    const { columns, rows: coded, reference, titles } = await this.rankings.sheetRows(user, id);
    const rows = withValueLabels(coded, { status: ASSIGNMENT_STATUS_LABELS, origin: ASSIGNMENT_ORIGIN_LABELS }, user);
    await sendSpreadsheet(res, { format: q.format, fileName: `sheets-${reference}`, sheetName: 'Sheets', columns, rows, reader: user, titles });
  }

  @Get('calls/:id/evaluation-report.pdf') @RequirePermission('evaluation.manage') @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The evaluation report of the call, as PDF', schema: { type: 'string', format: 'binary' } })
  async report(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response) {
    const data = await this.rankings.reportData(user, id);
    const pdf = await evaluationReportPdf(data as unknown as ReportInput, user);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="evaluation-report-${data.call.reference}.pdf"`);
    res.send(pdf);
  }

  // The evaluator

  @Get('evaluations') @RequirePermission('evaluation.score')
  @ApiOkResponse({ type: EvaluatorCallsResponseDto })
  myCalls(@CurrentUser() user: AuthUser) {
    return this.pool.myCalls(user);
  }

  @Get('evaluations/:callId/declaration') @RequirePermission('evaluation.score')
  @ApiOkResponse({ type: DeclarationResponseDto })
  declaration(@CurrentUser() user: AuthUser, @Param('callId', uuid) callId: string) {
    return this.pool.declaration(user, callId);
  }

  @Post('evaluations/:callId/declaration') @RequirePermission('evaluation.score')
  @ApiCreatedResponse({ type: DeclarationResponseDto })
  sign(@CurrentUser() user: AuthUser, @Param('callId', uuid) callId: string, @Body() dto: SignDeclarationDto) {
    return this.pool.sign(user, callId, dto);
  }

  @Get('evaluations/:callId/assignments') @RequirePermission('evaluation.score')
  @ApiOkResponse({ type: MyAssignmentsResponseDto })
  myAssignments(@CurrentUser() user: AuthUser, @Param('callId', uuid) callId: string) {
    return this.scoring.myAssignments(user, callId);
  }

  @Get('assignments/:id') @RequirePermission('evaluation.score')
  @ApiOkResponse({ type: AssignmentResponseDto })
  assignment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.scoring.assignment(user, id);
  }

  @Post('assignments/:id/conflict') @HttpCode(200) @RequirePermission('evaluation.score')
  @ApiOkResponse({ type: ConflictAnswerResponseDto })
  conflict(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ConflictDto) {
    return this.scoring.declareConflict(user, id, dto);
  }

  @Put('assignments/:id/sheet') @RequirePermission('evaluation.score')
  @ApiOkResponse({ type: SavedSheetResponseDto })
  saveSheet(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SaveSheetDto) {
    return this.scoring.saveSheet(user, id, dto);
  }

  @Post('assignments/:id/submit') @HttpCode(200) @RequirePermission('evaluation.score')
  @ApiOkResponse({ type: AssignmentResponseDto })
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SubmitSheetDto) {
    return this.scoring.submitSheet(user, id, dto.version);
  }
}
