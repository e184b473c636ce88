import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAX_UPLOAD_BYTES } from '@grants/domain';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, RequirePermission, RequireRecentSecondFactor } from '../../common/decorators';
import type { Upload } from '../files/files.service';
import {
  AssignMonitorDto, BankAccountChangeDto, DecideAmendmentDto, DrawUpGrantDto, GrantTransitionDto, ListGrantsQuery, ReviseBudgetDto, SignGrantDto,
} from './dtos/grant.dtos';
import {
  BudgetRevisionCheckResponseDto, BudgetRevisionStateResponseDto, GrantDocumentResponseDto, GrantListResponseDto, GrantResponseDto, PendingAwardListResponseDto,
} from './dtos/grant-response.dto';
import { AmendmentsService } from './amendments.service';
import { GrantsService } from './grants.service';

const uuid = new ParseUUIDPipe();
const upload = () => UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }));

/**
 * Grant agreements: the budget revision to a lowered award, drawing the agreement up, sending it, the owner's
 * online signature, the Secretariat's countersignature, other moves, files, and the bank-account change.
 * Reads are open to the grant's organisation, its monitor and the Secretariat (record access in the service).
 */
@ApiTags('grants')
@Controller()
export class GrantsController {
  constructor(private readonly grants: GrantsService, private readonly amendments: AmendmentsService) {}

  @Get('awards/:id/budget-revision') @Authenticated()
  @ApiOkResponse({ type: BudgetRevisionStateResponseDto })
  revision(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.grants.revision(user, id);
  }

  @Put('awards/:id/budget-revision') @RequirePermission('application.create')
  @ApiOkResponse({ type: BudgetRevisionStateResponseDto, description: 'The organisation revises its budget to the lowered award (server-computed totals; caps; indirect costs)' })
  revise(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReviseBudgetDto) {
    return this.grants.reviseBudget(user, id, dto);
  }

  @Post('awards/:id/budget-revision/check') @HttpCode(200) @Authenticated()
  @ApiOkResponse({ type: BudgetRevisionCheckResponseDto, description: "The server's totals and what breaks the call's rules or misses the awarded amount, without saving" })
  checkRevision(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReviseBudgetDto) {
    return this.grants.checkRevision(user, id, dto);
  }

  @Post('awards/:id/budget-revision/accept') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: BudgetRevisionStateResponseDto })
  acceptRevision(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.grants.acceptRevision(user, id);
  }

  @Post('awards/:id/grant') @RequirePermission('grant.manage')
  @ApiCreatedResponse({ type: GrantResponseDto, description: 'The agreement drawn up (draft) from the award in force and its frozen submission' })
  drawUp(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: DrawUpGrantDto) {
    return this.grants.drawUp(user, id, dto);
  }

  @Get('grants') @Authenticated()
  @ApiOkResponse({ type: GrantListResponseDto, description: "The Secretariat: every grant (filters); an organisation: its own; a monitor: those it follows" })
  list(@CurrentUser() user: AuthUser, @Query() q: ListGrantsQuery) {
    return this.grants.list(user, q);
  }

  @Get('grants/pending-awards') @RequirePermission('grant.manage')
  @ApiOkResponse({ type: PendingAwardListResponseDto, description: 'Awards in force with no grant yet: revision awaited, revision to accept, or ready to draw up' })
  pendingAwards(@CurrentUser() user: AuthUser) {
    return this.grants.pendingAwards(user);
  }

  @Get('grants/:id') @Authenticated()
  @ApiOkResponse({ type: GrantResponseDto })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.grants.view(user, id);
  }

  @Patch('grants/:id/monitor') @RequirePermission('grant.manage')
  @ApiOkResponse({ type: GrantResponseDto })
  monitor(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AssignMonitorDto) {
    return this.grants.assignMonitor(user, id, dto.monitorId);
  }

  @Post('grants/:id/send') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: GrantResponseDto, description: 'Draft → sent for signature: the agreement PDF is made and its SHA-256 recorded; the owner is told' })
  send(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.grants.send(user, id);
  }

  @Get('grants/:id/agreement.pdf') @Authenticated() @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The agreement PDF as sent for signature (its SHA-256 in X-Content-SHA256)', schema: { type: 'string', format: 'binary' } })
  async agreement(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response) {
    const g = await this.grants.view(user, id);
    if (!g.agreement) {
      res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'The agreement has not been sent for signature yet', details: [] });
      return;
    }
    return this.sendFile(user, id, g.agreement.fileId, res);
  }

  @Get('grants/:id/files/:fileId') @Authenticated() @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: "A file of the grant (agreement, signed copy, a tranche's documents, a bank letter)", schema: { type: 'string', format: 'binary' } })
  file(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('fileId', uuid) fileId: string, @Res() res: Response) {
    return this.sendFile(user, id, fileId, res);
  }

  private async sendFile(user: AuthUser, id: string, fileId: string, res: Response) {
    const { file, stream } = await this.grants.fileOf(user, id, fileId);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('X-Content-SHA256', file.sha256);
    res.setHeader('Cache-Control', 'private, no-store');
    stream.pipe(res);
  }

  @Post('grants/:id/sign') @HttpCode(200) @RequirePermission('grant.act.own')
  @ApiOkResponse({ type: GrantResponseDto, description: "The organisation's owner signs (password re-entered, signatory's name and function); the IBAN is frozen" })
  sign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SignGrantDto) {
    return this.grants.sign(user, id, dto);
  }

  @Post('grants/:id/countersign') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: GrantResponseDto, description: 'The Secretariat countersigns: the grant is in force, v1 frozen with its hash' })
  countersign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.grants.countersign(user, id);
  }

  @Post('grants/:id/transition') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: GrantResponseDto, description: 'Recall to draft, suspend, resume, close or terminate, with the reason each needs' })
  transition(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: GrantTransitionDto) {
    return this.grants.transition(user, id, dto);
  }

  @Post('grants/:id/signed-copy') @HttpCode(200) @Authenticated() @ApiConsumes('multipart/form-data') @upload()
  @ApiOkResponse({ type: GrantResponseDto, description: 'A signed paper copy of the agreement (the organisation or the Secretariat)' })
  signedCopy(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @UploadedFile() file: Upload | undefined) {
    return this.grants.uploadSignedCopy(user, id, file);
  }

  @Post('grants/:id/documents') @RequirePermission('grant.act.own') @ApiConsumes('multipart/form-data') @upload()
  @ApiCreatedResponse({ type: GrantDocumentResponseDto, description: "A document of the grant (a tranche request's supporting document, the bank's letter)" })
  document(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @UploadedFile() file: Upload | undefined) {
    return this.grants.uploadDocument(user, id, file);
  }

  @Post('grants/:id/bank-account-changes') @RequirePermission('grant.act.own')
  @ApiCreatedResponse({ type: GrantResponseDto, description: "A bank-account change of a grant in force, with the bank's letter; nothing is paid until the Secretariat decides" })
  bankAccountChange(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: BankAccountChangeDto) {
    return this.grants.requestBankAccountChange(user, id, dto);
  }

  @Post('grant-amendments/:id/decision') @HttpCode(200) @RequirePermission('grant.manage') @RequireRecentSecondFactor()
  @ApiOkResponse({ type: GrantResponseDto, description: 'The Secretariat approves an amendment of any kind (a new frozen version, the change applied to the grant, an addendum PDF) or rejects it with the reason' })
  decide(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: DecideAmendmentDto) {
    return this.amendments.decide(user, id, dto);
  }
}
