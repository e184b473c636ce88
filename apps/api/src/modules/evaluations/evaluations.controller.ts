import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { sendSpreadsheet } from '../../common/spreadsheet';
import { ExportQuery } from '../applications/dtos/application.dtos';
import {
  AddEvaluatorDto, ConflictDto, ManualAssignmentDto, RankingQuery, ReasonDto, RecordDecisionDto, SaveSheetDto, SignDeclarationDto, SubmitSheetDto,
} from './dtos/evaluation.dtos';
import { evaluationReportPdf, outcomeLetterPdf, type ReportInput } from './evaluation-pdf';
import { EvaluationsService } from './evaluations.service';

const uuid = new ParseUUIDPipe();

/** Evaluation, ranking, decision and awards. Controllers stay thin: every rule is in the service and libs/domain. */
@ApiTags('evaluation')
@Controller()
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  // The Secretariat

  @Get('calls/:id/evaluation') @RequirePermission('evaluation.manage')
  overview(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.evaluations.overview(user, id);
  }

  @Post('calls/:id/evaluators') @RequirePermission('evaluation.manage')
  addEvaluator(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AddEvaluatorDto) {
    return this.evaluations.addToPool(user, id, dto);
  }

  @Delete('calls/:id/evaluators/:userId') @RequirePermission('evaluation.manage')
  removeEvaluator(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string) {
    return this.evaluations.removeFromPool(user, id, userId);
  }

  @Post('calls/:id/assignments/auto') @HttpCode(200) @RequirePermission('evaluation.manage')
  autoAssign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.evaluations.autoAssign(user, id);
  }

  @Post('calls/:id/assignments') @RequirePermission('evaluation.manage')
  assign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ManualAssignmentDto) {
    return this.evaluations.assignManually(user, id, dto);
  }

  @Delete('assignments/:id') @RequirePermission('evaluation.manage')
  unassign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.evaluations.removeAssignment(user, id);
  }

  @Post('assignments/:id/reopen') @HttpCode(200) @RequirePermission('evaluation.manage')
  reopen(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonDto) {
    return this.evaluations.reopen(user, id, dto.reason);
  }

  @Get('calls/:id/ranking') @RequirePermission('evaluation.manage')
  ranking(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: RankingQuery) {
    return this.evaluations.ranking(user, id, q.envelopeCents);
  }

  @Get('calls/:id/ranking/export') @RequirePermission('evaluation.manage')
  async rankingExport(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ExportQuery, @Res() res: Response) {
    const { columns, rows, reference } = await this.evaluations.rankingRows(user, id);
    await sendSpreadsheet(res, { format: q.format, fileName: `ranking-${reference}`, sheetName: 'Ranking', columns, rows, wide: ['organization'] });
  }

  @Get('calls/:id/sheets/export') @RequirePermission('evaluation.manage')
  async sheetsExport(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ExportQuery, @Res() res: Response) {
    const call = await this.evaluations.callFor(user, id);
    const rows = await this.evaluations.sheetRows(user, id);
    await sendSpreadsheet(res, { format: q.format, fileName: `sheets-${call.reference}`, sheetName: 'Sheets', columns: this.evaluations.sheetColumns(call), rows });
  }

  @Get('calls/:id/evaluation-report.pdf') @RequirePermission('evaluation.manage') @ApiProduces('application/pdf')
  async report(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response) {
    const data = await this.evaluations.reportData(user, id);
    const pdf = await evaluationReportPdf(data as unknown as ReportInput);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="evaluation-report-${data.call.reference}.pdf"`);
    res.send(pdf);
  }

  @Get('calls/:id/decisions') @RequirePermission('evaluation.manage')
  decisions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.evaluations.decisions(user, id);
  }

  @Post('calls/:id/decision') @RequirePermission('award.decide')
  decide(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RecordDecisionDto) {
    return this.evaluations.decide(user, id, dto);
  }

  @Post('awards/:id/decline') @HttpCode(200) @RequirePermission('award.decide')
  decline(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonDto) {
    return this.evaluations.decline(user, id, dto.reason);
  }

  // The evaluator

  @Get('evaluations') @RequirePermission('evaluation.score')
  myCalls(@CurrentUser() user: AuthUser) {
    return this.evaluations.myCalls(user);
  }

  @Get('evaluations/:callId/declaration') @RequirePermission('evaluation.score')
  declaration(@CurrentUser() user: AuthUser, @Param('callId', uuid) callId: string) {
    return this.evaluations.declaration(user, callId);
  }

  @Post('evaluations/:callId/declaration') @RequirePermission('evaluation.score')
  sign(@CurrentUser() user: AuthUser, @Param('callId', uuid) callId: string, @Body() dto: SignDeclarationDto) {
    return this.evaluations.sign(user, callId, dto);
  }

  @Get('evaluations/:callId/assignments') @RequirePermission('evaluation.score')
  myAssignments(@CurrentUser() user: AuthUser, @Param('callId', uuid) callId: string) {
    return this.evaluations.myAssignments(user, callId);
  }

  @Get('assignments/:id') @RequirePermission('evaluation.score')
  assignment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.evaluations.assignment(user, id);
  }

  @Post('assignments/:id/conflict') @HttpCode(200) @RequirePermission('evaluation.score')
  conflict(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ConflictDto) {
    return this.evaluations.declareConflict(user, id, dto);
  }

  @Put('assignments/:id/sheet') @RequirePermission('evaluation.score')
  saveSheet(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SaveSheetDto) {
    return this.evaluations.saveSheet(user, id, dto);
  }

  @Post('assignments/:id/submit') @HttpCode(200) @RequirePermission('evaluation.score')
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SubmitSheetDto) {
    return this.evaluations.submitSheet(user, id, dto.version);
  }

  // The applicant

  @Get('applications/:id/outcome') @RequirePermission('application.read.own')
  outcome(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.evaluations.outcome(user, id);
  }

  @Get('applications/:id/outcome.pdf') @RequirePermission('application.read.own') @ApiProduces('application/pdf')
  async outcomePdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response) {
    const o = await this.evaluations.outcome(user, id);
    const pdf = await outcomeLetterPdf(o, user.language);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="outcome-${o.application.reference}.pdf"`);
    res.send(pdf);
  }
}
