import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { csvFor } from '../../common/spreadsheet';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAX_UPLOAD_BYTES } from '@grants/domain';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import type { Upload } from '../files/files.service';
import { CallsService } from './calls.service';
import { CallDocumentResponseDto, CallQuestionResponseDto, CallResponseDto, CallSummaryResponseDto } from './dtos/call-response.dto';
import { AnswerQuestionDto, AskQuestionDto, CancelInfoSessionDto, CreateCallDto, CreateInfoSessionDto, InfoSessionViewDto, RegisterInfoSessionDto, ListCallsQuery, TransitionCallDto, UpdateCallDto, UploadCallDocumentDto, VersionDto } from './dtos/call.dtos';

const uuid = new ParseUUIDPipe();

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get() @RequirePermission('call.read.published') @ApiOkResponse({ type: [CallSummaryResponseDto] })
  list(@CurrentUser() user: AuthUser, @Query() q: ListCallsQuery): Promise<CallSummaryResponseDto[]> {
    return this.calls.list(user, q);
  }

  @Get(':id') @RequirePermission('call.read.published') @ApiOkResponse({ type: CallResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<CallResponseDto> {
    return this.calls.get(user, id);
  }

  @Post() @RequirePermission('call.manage') @ApiCreatedResponse({ type: CallResponseDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCallDto): Promise<CallResponseDto> {
    return this.calls.create(user, dto);
  }

  @Patch(':id') @RequirePermission('call.manage') @ApiOkResponse({ type: CallResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateCallDto): Promise<CallResponseDto> {
    return this.calls.update(user, id, dto);
  }

  @Post(':id/publish') @HttpCode(200) @RequirePermission('call.manage') @ApiOkResponse({ type: CallResponseDto })
  publish(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: VersionDto): Promise<CallResponseDto> {
    return this.calls.publish(user, id, dto.version);
  }

  @Post(':id/transition') @HttpCode(200) @RequirePermission('call.manage') @ApiOkResponse({ type: CallResponseDto })
  transition(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: TransitionCallDto): Promise<CallResponseDto> {
    return this.calls.transition(user, id, dto);
  }

  @Post(':id/documents') @RequirePermission('call.manage') @ApiConsumes('multipart/form-data') @ApiCreatedResponse({ type: CallDocumentResponseDto })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }))
  upload(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UploadCallDocumentDto, @UploadedFile() file: Upload | undefined): Promise<CallDocumentResponseDto> {
    return this.calls.uploadDocument(user, id, dto.kind, dto.language, file);
  }

  @Get(':id/questions') @RequirePermission('call.read.published') @ApiOkResponse({ type: [CallQuestionResponseDto] })
  questions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<CallQuestionResponseDto[]> {
    return this.calls.questions(user, id);
  }

  @Post(':id/questions') @RequirePermission('call.question.ask') @ApiCreatedResponse({ type: CallQuestionResponseDto })
  ask(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AskQuestionDto): Promise<CallQuestionResponseDto> {
    return this.calls.ask(user, id, dto.question);
  }

  @Post(':id/questions/:questionId/answer') @HttpCode(200) @RequirePermission('call.question.answer') @ApiOkResponse({ type: CallQuestionResponseDto })
  answer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('questionId', uuid) questionId: string, @Body() dto: AnswerQuestionDto): Promise<CallQuestionResponseDto> {
    return this.calls.answer(user, id, questionId, dto.answer);
  }

  @Post(':id/follow') @HttpCode(204) @RequirePermission('call.read.published') @ApiNoContentResponse({ description: 'Following: notified of amendments and answers' })
  follow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    return this.calls.follow(user, id, true);
  }

  @Delete(':id/follow') @HttpCode(204) @RequirePermission('call.read.published') @ApiNoContentResponse({ description: 'No longer following' })
  unfollow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    return this.calls.follow(user, id, false);
  }

  @Post(':id/info-sessions') @RequirePermission('call.manage') @ApiCreatedResponse({ type: [InfoSessionViewDto] })
  createInfoSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateInfoSessionDto): Promise<InfoSessionViewDto[]> {
    return this.calls.createInfoSession(user, id, dto);
  }

  @Post(':id/info-sessions/:sessionId/registration') @HttpCode(200) @RequirePermission('call.question.ask') @ApiOkResponse({ type: [InfoSessionViewDto] })
  registerInfoSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string, @Body() dto: RegisterInfoSessionDto): Promise<InfoSessionViewDto[]> {
    return this.calls.registerInfoSession(user, id, sessionId, dto.attendees);
  }

  @Delete(':id/info-sessions/:sessionId/registration') @HttpCode(200) @RequirePermission('call.question.ask') @ApiOkResponse({ type: [InfoSessionViewDto] })
  unregisterInfoSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string): Promise<InfoSessionViewDto[]> {
    return this.calls.unregisterInfoSession(user, id, sessionId);
  }

  @Post(':id/info-sessions/:sessionId/cancel') @HttpCode(200) @RequirePermission('call.manage') @ApiOkResponse({ type: [InfoSessionViewDto] })
  cancelInfoSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string, @Body() dto: CancelInfoSessionDto): Promise<InfoSessionViewDto[]> {
    return this.calls.cancelInfoSession(user, id, sessionId, dto.reason);
  }

  /** The list of registered organisations, as CSV for the Secretariat. */
  @Get(':id/info-sessions/:sessionId/registrations.csv') @RequirePermission('call.manage')
  @ApiProduces('text/csv') @ApiOkResponse({ description: 'CSV file', schema: { type: 'string', format: 'binary' } })
  async registrations(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string, @Res() res: Response): Promise<void> {
    const rows = await this.calls.infoSessionRegistrations(user, id, sessionId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="info-session-${sessionId}.csv"`);
    res.send(csvFor(['organization', 'registration_number', 'municipality', 'registered_by', 'email', 'attendees', 'registered_at'], rows, user));
  }
}
