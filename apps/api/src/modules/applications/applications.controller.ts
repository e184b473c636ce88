import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAX_UPLOAD_BYTES } from '@grants/domain';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import type { Upload } from '../files/files.service';
import { ApplicationsService } from './applications.service';
import { AdmissibilityDto, ExportQuery, ListApplicationsQuery, SaveApplicationDto, UploadAttachmentDto, VersionBodyDto } from './dtos/application.dtos';
import { receiptPdf } from './receipt';
import { sendSpreadsheet } from '../../common/spreadsheet';

const uuid = new ParseUUIDPipe();

@ApiTags('applications')
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post('calls/:id/applications') @RequirePermission('application.create')
  start(@CurrentUser() user: AuthUser, @Param('id', uuid) callId: string) {
    return this.applications.create(user, callId);
  }

  @Get('applications') @RequirePermission('call.read.published')
  list(@CurrentUser() user: AuthUser, @Query() q: ListApplicationsQuery) {
    return this.applications.list(user, q);
  }

  @Get('applications/:id') @RequirePermission('call.read.published')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.applications.get(user, id);
  }

  @Patch('applications/:id') @RequirePermission('application.create')
  save(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SaveApplicationDto) {
    return this.applications.save(user, id, dto.version, dto.content);
  }

  @Post('applications/:id/attachments') @RequirePermission('application.create') @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }))
  attach(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UploadAttachmentDto, @UploadedFile() file: Upload | undefined) {
    return this.applications.addAttachment(user, id, dto.requirementId, file);
  }

  @Delete('applications/:id/attachments/:attachmentId') @HttpCode(204) @RequirePermission('application.create')
  detach(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('attachmentId', uuid) attachmentId: string) {
    return this.applications.removeAttachment(user, id, attachmentId);
  }

  @Post('applications/:id/submit') @HttpCode(200) @RequirePermission('application.create')
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: VersionBodyDto) {
    return this.applications.submit(user, id, dto.version);
  }

  @Post('applications/:id/withdraw') @HttpCode(200) @RequirePermission('application.create')
  withdraw(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.applications.withdraw(user, id);
  }

  @Get('applications/:id/receipt.pdf') @RequirePermission('call.read.published') @ApiProduces('application/pdf')
  async receipt(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response) {
    const s = await this.applications.latestSubmission(user, id);
    const snap = s.snapshot as { call: string; organization: { legalName: string }; submittedBy: string; attachments: { fileName: string; sha256: string }[] };
    const pdf = await receiptPdf({
      reference: s.reference, call: snap.call, organization: snap.organization.legalName, submittedAt: s.submittedAt.toISOString(),
      submittedBy: snap.submittedBy, sha256: s.sha256, attachments: snap.attachments,
    }, user.language);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="receipt-${s.reference}.pdf"`);
    res.send(pdf);
  }

  @Put('applications/:id/admissibility') @RequirePermission('application.admissibility')
  admissibility(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AdmissibilityDto) {
    return this.applications.admissibility(user, id, dto);
  }

  @Get('calls/:id/applications/export') @RequirePermission('application.read.any')
  async export(@CurrentUser() user: AuthUser, @Param('id', uuid) callId: string, @Query() q: ExportQuery, @Res() res: Response) {
    const rows: Record<string, unknown>[] = await this.applications.exportRows(user, callId);
    const columns = ['reference', 'organization', 'registration_number', 'municipality', 'status', 'admissibility', 'requested_eur', 'submitted_at', 'sha256'];
    await sendSpreadsheet(res, { format: q.format, fileName: `applications-${callId}`, sheetName: 'Applications', columns, rows, wide: ['sha256'] });
  }
}
