import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { MAX_UPLOAD_BYTES } from '@grants/domain';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, RequirePermission } from '../../common/decorators';
import type { Upload } from '../files/files.service';
import { InviteMemberDto, ListOrganizationsQuery, UpdateOrganizationDto, UploadDocumentDto } from './dtos/organization.dtos';
import { OrganizationsService } from './organizations.service';

const uuid = new ParseUUIDPipe();

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Get() @RequirePermission('organization.read.any')
  list(@CurrentUser() user: AuthUser, @Query() q: ListOrganizationsQuery) {
    return this.orgs.list(user, q);
  }

  @Get('mine') @Authenticated()
  mine(@CurrentUser() user: AuthUser) {
    return this.orgs.mine(user);
  }

  @Get(':id') @Authenticated()
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.orgs.get(user, id);
  }

  @Patch(':id') @Authenticated()
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateOrganizationDto) {
    return this.orgs.update(user, id, dto);
  }

  @Get(':id/members') @Authenticated()
  members(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.orgs.members(user, id);
  }

  @Post(':id/invitations') @Authenticated()
  invite(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: InviteMemberDto) {
    return this.orgs.inviteMember(user, id, dto);
  }

  @Delete(':id/invitations/:invitationId') @HttpCode(204) @Authenticated()
  revokeInvitation(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('invitationId', uuid) invitationId: string) {
    return this.orgs.revokeMemberInvitation(user, id, invitationId);
  }

  @Delete(':id/members/:userId') @HttpCode(204) @Authenticated()
  removeMember(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string) {
    return this.orgs.removeMember(user, id, userId);
  }

  @Get(':id/documents') @Authenticated()
  documents(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.orgs.documents(user, id);
  }

  @Post(':id/documents') @Authenticated() @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }))
  upload(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UploadDocumentDto, @UploadedFile() file: Upload | undefined) {
    return this.orgs.uploadDocument(user, id, dto.kind, file);
  }

  @Delete(':id/documents/:documentId') @HttpCode(204) @Authenticated()
  deleteDocument(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('documentId', uuid) documentId: string) {
    return this.orgs.deleteDocument(user, id, documentId);
  }
}
