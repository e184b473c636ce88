import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MAX_UPLOAD_BYTES } from '@grants/domain';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, RequirePermission } from '../../common/decorators';
import type { Upload } from '../files/files.service';
import {
  MemberInvitationCreatedResponseDto, OrganizationDocumentResponseDto, OrganizationMembersResponseDto, OrganizationPageResponseDto, OrganizationResponseDto,
} from './dtos/organization-response.dto';
import { InviteMemberDto, ListOrganizationsQuery, UpdateOrganizationDto, UploadDocumentDto } from './dtos/organization.dtos';
import { OrganizationsService } from './organizations.service';

const uuid = new ParseUUIDPipe();

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Get() @RequirePermission('organization.read.any') @ApiOkResponse({ type: OrganizationPageResponseDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ListOrganizationsQuery): Promise<OrganizationPageResponseDto> {
    return this.orgs.list(user, q);
  }

  @Get('mine') @Authenticated() @ApiOkResponse({ type: OrganizationResponseDto })
  mine(@CurrentUser() user: AuthUser): Promise<OrganizationResponseDto> {
    return this.orgs.mine(user);
  }

  @Get(':id') @Authenticated() @ApiOkResponse({ type: OrganizationResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OrganizationResponseDto> {
    return this.orgs.get(user, id);
  }

  @Patch(':id') @Authenticated() @ApiOkResponse({ type: OrganizationResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationResponseDto> {
    return this.orgs.update(user, id, dto);
  }

  @Get(':id/members') @Authenticated() @ApiOkResponse({ type: OrganizationMembersResponseDto })
  members(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OrganizationMembersResponseDto> {
    return this.orgs.members(user, id);
  }

  @Post(':id/invitations') @Authenticated() @ApiCreatedResponse({ type: MemberInvitationCreatedResponseDto })
  invite(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: InviteMemberDto): Promise<MemberInvitationCreatedResponseDto> {
    return this.orgs.inviteMember(user, id, dto);
  }

  @Delete(':id/invitations/:invitationId') @HttpCode(204) @Authenticated() @ApiNoContentResponse({ description: 'Invitation revoked' })
  revokeInvitation(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('invitationId', uuid) invitationId: string): Promise<void> {
    return this.orgs.revokeMemberInvitation(user, id, invitationId);
  }

  @Delete(':id/members/:userId') @HttpCode(204) @Authenticated() @ApiNoContentResponse({ description: 'Member removed' })
  removeMember(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string): Promise<void> {
    return this.orgs.removeMember(user, id, userId);
  }

  @Get(':id/documents') @Authenticated() @ApiOkResponse({ type: [OrganizationDocumentResponseDto] })
  documents(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OrganizationDocumentResponseDto[]> {
    return this.orgs.documents(user, id);
  }

  @Post(':id/documents') @Authenticated() @ApiConsumes('multipart/form-data') @ApiCreatedResponse({ type: OrganizationDocumentResponseDto })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }))
  upload(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UploadDocumentDto, @UploadedFile() file: Upload | undefined): Promise<OrganizationDocumentResponseDto> {
    return this.orgs.uploadDocument(user, id, dto.kind, file);
  }

  @Delete(':id/documents/:documentId') @HttpCode(204) @Authenticated() @ApiNoContentResponse({ description: 'Document removed' })
  deleteDocument(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('documentId', uuid) documentId: string): Promise<void> {
    return this.orgs.deleteDocument(user, id, documentId);
  }
}
