import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAX_UPLOAD_BYTES } from '@grants/domain';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import type { Upload } from '../files/files.service';
import { ApplicationsService } from './applications.service';
import { ApplicationAutosaveResponseDto, ApplicationPageResponseDto, ApplicationResponseDto } from './dtos/application-response.dto';
import { AdmissibilityDto, ExportQuery, ListApplicationsQuery, SaveApplicationDto, UploadAttachmentDto, VersionBodyDto } from './dtos/application.dtos';
import { receiptPdf } from './receipt';
import { sendSpreadsheet } from '../../common/spreadsheet';
import { ADMISSIBILITY_LABELS, APPLICATION_STATUS_LABELS, withValueLabels } from '../../common/export-values';
import { decimalEuros } from './applications.repository';

const uuid = new ParseUUIDPipe();

@ApiTags('applications')
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post('calls/:id/applications') @RequirePermission('application.create') @ApiCreatedResponse({ type: ApplicationResponseDto })
  start(@CurrentUser() user: AuthUser, @Param('id', uuid) callId: string): Promise<ApplicationResponseDto> {
    return this.applications.create(user, callId);
  }

  @Get('applications') @RequirePermission('call.read.published') @ApiOkResponse({ type: ApplicationPageResponseDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ListApplicationsQuery): Promise<ApplicationPageResponseDto> {
    return this.applications.list(user, q);
  }

  @Get('applications/:id') @RequirePermission('call.read.published') @ApiOkResponse({ type: ApplicationResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ApplicationResponseDto> {
    return this.applications.get(user, id);
  }

  @Patch('applications/:id') @RequirePermission('application.create') @ApiOkResponse({ type: ApplicationResponseDto })
  save(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SaveApplicationDto): Promise<ApplicationResponseDto> {
    return this.applications.save(user, id, dto.version, dto.content);
  }

  /**
   * Autosave, as the web app's form sends it (the sections that changed, with the version last seen): the same save
   * as PATCH /api/applications/:id, answering only what a save changes (about 1 KB instead of the whole application).
   */
  @Patch('applications/:id/autosave') @RequirePermission('application.create') @ApiOkResponse({ type: ApplicationAutosaveResponseDto })
  autosave(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SaveApplicationDto): Promise<ApplicationAutosaveResponseDto> {
    return this.applications.autosave(user, id, dto.version, dto.content);
  }

  @Post('applications/:id/attachments') @RequirePermission('application.create') @ApiConsumes('multipart/form-data') @ApiCreatedResponse({ type: ApplicationResponseDto })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }))
  attach(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UploadAttachmentDto, @UploadedFile() file: Upload | undefined): Promise<ApplicationResponseDto> {
    return this.applications.addAttachment(user, id, dto.requirementId, file);
  }

  @Delete('applications/:id/attachments/:attachmentId') @HttpCode(204) @RequirePermission('application.create') @ApiNoContentResponse({ description: 'Attachment removed' })
  detach(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('attachmentId', uuid) attachmentId: string): Promise<void> {
    return this.applications.removeAttachment(user, id, attachmentId);
  }

  @Post('applications/:id/submit') @HttpCode(200) @RequirePermission('application.create') @ApiOkResponse({ type: ApplicationResponseDto })
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: VersionBodyDto): Promise<ApplicationResponseDto> {
    return this.applications.submit(user, id, dto.version);
  }

  @Post('applications/:id/withdraw') @HttpCode(200) @RequirePermission('application.create') @ApiOkResponse({ type: ApplicationResponseDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ApplicationResponseDto> {
    return this.applications.withdraw(user, id);
  }

  @Get('applications/:id/receipt.pdf') @RequirePermission('call.read.published') @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The receipt of the latest submission, as PDF', schema: { type: 'string', format: 'binary' } })
  async receipt(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response): Promise<void> {
    const s = await this.applications.latestSubmission(user, id);
    const snap = s.snapshot as { call: string; organization: { legalName: string }; submittedBy: string; attachments: { fileName: string; sha256: string }[] };
    const pdf = await receiptPdf({
      reference: s.reference, call: snap.call, organization: snap.organization.legalName, submittedAt: s.submittedAt.toISOString(),
      submittedBy: snap.submittedBy, sha256: s.sha256, attachments: snap.attachments,
    }, user);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="receipt-${s.reference}.pdf"`);
    res.send(pdf);
  }

  @Put('applications/:id/admissibility') @RequirePermission('application.admissibility') @ApiOkResponse({ type: ApplicationResponseDto })
  admissibility(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AdmissibilityDto): Promise<ApplicationResponseDto> {
    return this.applications.admissibility(user, id, dto);
  }

  @Get('calls/:id/applications/export') @RequirePermission('application.read.any')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The submitted applications of the call, as CSV or XLSX (format)', schema: { type: 'string', format: 'binary' } })
  async export(@CurrentUser() user: AuthUser, @Param('id', uuid) callId: string, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    // statuses and outcomes in the reader's words; the amount from exact cents, never through a float
    const rows = withValueLabels((await this.applications.exportRows(user, callId)).map(({ requestedCents, ...r }) => ({ ...r, requested_eur: decimalEuros(requestedCents) })),
      { status: APPLICATION_STATUS_LABELS, admissibility: ADMISSIBILITY_LABELS }, user);
    const columns = ['reference', 'organization', 'registration_number', 'municipality', 'status', 'admissibility', 'requested_eur', 'submitted_at', 'sha256'];
    await sendSpreadsheet(res, { format: q.format, fileName: `applications-${callId}`, sheetName: 'Applications', columns, rows, wide: ['sha256'], reader: user });
  }
}
