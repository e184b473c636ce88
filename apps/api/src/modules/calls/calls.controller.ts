import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { toCsv } from '../../common/csv';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MAX_UPLOAD_BYTES } from '@grants/domain';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import type { Upload } from '../files/files.service';
import { CallsService } from './calls.service';
import { AnswerQuestionDto, AskQuestionDto, CreateCallDto, CreateInfoSessionDto, InfoSessionViewDto, RegisterInfoSessionDto, ListCallsQuery, TransitionCallDto, UpdateCallDto, UploadCallDocumentDto, VersionDto } from './dtos/call.dtos';

const uuid = new ParseUUIDPipe();

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get() @RequirePermission('call.read.published')
  list(@CurrentUser() user: AuthUser, @Query() q: ListCallsQuery) {
    return this.calls.list(user, q);
  }

  @Get(':id') @RequirePermission('call.read.published')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.calls.get(user, id);
  }

  @Post() @RequirePermission('call.manage')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCallDto) {
    return this.calls.create(user, dto);
  }

  @Patch(':id') @RequirePermission('call.manage')
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateCallDto) {
    return this.calls.update(user, id, dto);
  }

  @Post(':id/publish') @HttpCode(200) @RequirePermission('call.manage')
  publish(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: VersionDto) {
    return this.calls.publish(user, id, dto.version);
  }

  @Post(':id/transition') @HttpCode(200) @RequirePermission('call.manage')
  transition(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: TransitionCallDto) {
    return this.calls.transition(user, id, dto);
  }

  @Post(':id/documents') @RequirePermission('call.manage') @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }))
  upload(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UploadCallDocumentDto, @UploadedFile() file: Upload | undefined) {
    return this.calls.uploadDocument(user, id, dto.kind, dto.language, file);
  }

  @Get(':id/questions') @RequirePermission('call.read.published')
  questions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.calls.questions(user, id);
  }

  @Post(':id/questions') @RequirePermission('call.question.ask')
  ask(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AskQuestionDto) {
    return this.calls.ask(user, id, dto.question);
  }

  @Post(':id/questions/:questionId/answer') @HttpCode(200) @RequirePermission('call.question.answer')
  answer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('questionId', uuid) questionId: string, @Body() dto: AnswerQuestionDto) {
    return this.calls.answer(user, id, questionId, dto.answer);
  }

  @Post(':id/follow') @HttpCode(204) @RequirePermission('call.read.published')
  follow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.calls.follow(user, id, true);
  }

  @Delete(':id/follow') @HttpCode(204) @RequirePermission('call.read.published')
  unfollow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.calls.follow(user, id, false);
  }

  @Post(':id/info-sessions') @RequirePermission('call.manage') @ApiCreatedResponse({ type: [InfoSessionViewDto] })
  createInfoSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateInfoSessionDto) {
    return this.calls.createInfoSession(user, id, dto);
  }

  @Post(':id/info-sessions/:sessionId/registration') @HttpCode(200) @RequirePermission('call.question.ask') @ApiOkResponse({ type: [InfoSessionViewDto] })
  registerInfoSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string, @Body() dto: RegisterInfoSessionDto) {
    return this.calls.registerInfoSession(user, id, sessionId, dto.attendees);
  }

  @Delete(':id/info-sessions/:sessionId/registration') @HttpCode(200) @RequirePermission('call.question.ask') @ApiOkResponse({ type: [InfoSessionViewDto] })
  unregisterInfoSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string) {
    return this.calls.unregisterInfoSession(user, id, sessionId);
  }

  /** The list of registered organisations, as CSV for the Secretariat. */
  @Get(':id/info-sessions/:sessionId/registrations.csv') @RequirePermission('call.manage')
  async registrations(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string, @Res() res: Response) {
    const rows = await this.calls.infoSessionRegistrations(user, id, sessionId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="info-session-${sessionId}.csv"`);
    res.send(toCsv(['organization', 'registration_number', 'municipality', 'registered_by', 'email', 'attendees', 'registered_at'], rows));
  }
}
