import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import type { Upload } from '../files/files.service';
import {
  ListVisitsQuery, PlanVisitDto, ReviewVisitReportDto, SaveVisitReportDto, UpdateVisitDto, VisitPhotoUploadDto, VisitReportCommentDto, VisitReportVersionDto,
} from './dtos/monitoring.dtos';
import { VisitListResponseDto, VisitPhotoResponseDto, VisitResponseDto } from './dtos/monitoring-response.dto';
import { VisitsService } from './visits.service';

const uuid = new ParseUUIDPipe();
/** A phone photo is at most 20 MB. */
const PHOTO_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Monitoring visits and their reports: planning, the calendar, the monitor's report (saved online or synced from
 * the phone with its version), photos stripped of their metadata, submission, the Secretariat's review and sharing,
 * and the comments appended to a shared report. Record access in the service.
 */
@ApiTags('monitoring')
@Controller()
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Get('visits') @RequirePermission('visit.read')
  @ApiOkResponse({ type: VisitListResponseDto, description: "The calendar and list: a monitor its grants' visits, the Secretariat all, an organisation its visible ones, an observer those with a shared report" })
  list(@CurrentUser() user: AuthUser, @Query() q: ListVisitsQuery) {
    return this.visits.list(user, q);
  }

  @Get('grants/:id/visits') @RequirePermission('visit.read')
  @ApiOkResponse({ type: VisitListResponseDto, description: 'The visits of a grant (the organisation: announced ones, and unannounced ones from their day on)' })
  ofGrant(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.visits.ofGrant(user, id);
  }

  @Post('grants/:id/visits') @RequirePermission('monitoring.visit')
  @ApiCreatedResponse({ type: VisitResponseDto, description: 'A visit planned (its empty report with it); the organisation is told unless it is unannounced' })
  plan(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PlanVisitDto) {
    return this.visits.plan(user, id, dto);
  }

  @Get('visits/:id') @RequirePermission('visit.read')
  @ApiOkResponse({ type: VisitResponseDto })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.visits.view(user, id);
  }

  @Patch('visits/:id') @RequirePermission('monitoring.visit')
  @ApiOkResponse({ type: VisitResponseDto, description: 'A visit moved or changed while its report is a draft; the organisation is told of an announced one' })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateVisitDto) {
    return this.visits.update(user, id, dto);
  }

  @Put('visits/:id/report') @RequirePermission('monitoring.visit')
  @ApiOkResponse({ type: VisitResponseDto, description: "The monitor saves the report at the version it was edited from (409 version_conflict if it changed since)" })
  save(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SaveVisitReportDto) {
    return this.visits.save(user, id, dto);
  }

  @Post('visits/:id/report/photos') @HttpCode(200) @RequirePermission('monitoring.visit') @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: PHOTO_MAX_BYTES + 1, files: 1 } }))
  @ApiBody({ schema: { type: 'object', required: ['file', 'clientKey'], properties: { file: { type: 'string', format: 'binary' }, clientKey: { type: 'string' }, caption: { type: 'string' } } } })
  @ApiOkResponse({ type: VisitPhotoResponseDto, description: 'A photo, its location and camera metadata removed; the same clientKey again returns the photo already stored' })
  photo(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @UploadedFile() file: Upload | undefined, @Body() dto: VisitPhotoUploadDto) {
    return this.visits.uploadPhoto(user, id, file, dto);
  }

  @Get('visits/:id/report/photos/:photoId') @RequirePermission('visit.read') @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The photo (without metadata)', schema: { type: 'string', format: 'binary' } })
  async photoFile(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('photoId', uuid) photoId: string, @Res() res: Response) {
    const { file, stream } = await this.visits.photoFile(user, id, photoId);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('Cache-Control', 'private, no-store');
    stream.pipe(res);
  }

  @Delete('visits/:id/report/photos/:photoId') @HttpCode(204) @RequirePermission('monitoring.visit')
  @ApiNoContentResponse({ description: 'The photo removed from a report still being written' })
  deletePhoto(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('photoId', uuid) photoId: string) {
    return this.visits.deletePhoto(user, id, photoId);
  }

  @Post('visits/:id/report/submit') @HttpCode(200) @RequirePermission('monitoring.visit')
  @ApiOkResponse({ type: VisitResponseDto, description: 'Submitted once the visit took place and nothing is missing (422 names each field); the Secretariat is told' })
  submit(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: VisitReportVersionDto) {
    return this.visits.submit(user, id, dto.version);
  }

  @Post('visits/:id/report/review') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: VisitResponseDto, description: 'The Secretariat accepts the report, or returns it with its comments' })
  review(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReviewVisitReportDto) {
    return this.visits.review(user, id, dto);
  }

  @Post('visits/:id/report/share') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: VisitResponseDto, description: 'Shared with the organisation: frozen with its SHA-256, its action points live' })
  share(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: VisitReportVersionDto) {
    return this.visits.share(user, id, dto.version);
  }

  @Post('visits/:id/report/comments') @HttpCode(200) @RequirePermission('visit.read')
  @ApiOkResponse({ type: VisitResponseDto, description: 'A comment appended to a shared report (the organisation, the monitor, the Secretariat)' })
  comment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: VisitReportCommentDto) {
    return this.visits.comment(user, id, dto.body);
  }
}
