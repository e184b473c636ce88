import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, RequirePermission } from '../../common/decorators';
import { AmendmentsService } from './amendments.service';
import {
  AmendmentContextResponseDto, CompareVersionsQuery, GrantVersionDetailResponseDto, GrantVersionDiffResponseDto, GrantVersionListResponseDto, RequestAmendmentDto,
} from './dtos/amendment.dtos';
import { GrantResponseDto } from './dtos/grant-response.dto';

const uuid = new ParseUUIDPipe();

/**
 * Amendments of a grant in force and its versions: the organisation requests a change of any kind (a
 * reallocation within the limit is applied at once as a notice); the Secretariat decides at
 * POST /grant-amendments/:id/decision (grants.controller.ts); every version stays readable and two compare.
 */
@ApiTags('grants')
@Controller()
export class AmendmentsController {
  constructor(private readonly amendments: AmendmentsService) {}

  @Get('grants/:id/amendments/context') @Authenticated()
  @ApiOkResponse({ type: AmendmentContextResponseDto, description: 'What a request is checked against: the latest version, the call\'s rules, the budgets a reallocation is counted against' })
  context(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.amendments.context(user, id);
  }

  @Post('grants/:id/amendments') @RequirePermission('grant.act.own')
  @ApiCreatedResponse({ type: GrantResponseDto, description: 'An amendment requested with its justification (422 naming each field); a reallocation within the limit is applied at once as a notice, one refused names each heading' })
  request(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RequestAmendmentDto) {
    return this.amendments.request(user, id, dto);
  }

  @Get('grants/:id/versions') @Authenticated()
  @ApiOkResponse({ type: GrantVersionListResponseDto, description: 'v1 (the agreement in force) and one per approved amendment or notice, each with its SHA-256 and addendum' })
  versions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.amendments.versions(user, id);
  }

  @Get('grants/:id/versions/compare') @Authenticated()
  @ApiOkResponse({ type: GrantVersionDiffResponseDto, description: 'What changed from one version to another' })
  compare(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: CompareVersionsQuery) {
    return this.amendments.compare(user, id, q.from, q.to);
  }

  @Get('grants/:id/versions/:version') @Authenticated()
  @ApiOkResponse({ type: GrantVersionDetailResponseDto, description: 'One version as frozen, and whether it still hashes to its SHA-256' })
  version(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('version', ParseIntPipe) version: number) {
    return this.amendments.version(user, id, version);
  }
}
