import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser } from '../../common/decorators';
import { DossierService } from './dossier.service';
import { DossierListResponseDto, DossierResponseDto } from './dtos/dossier-response.dto';

const uuid = new ParseUUIDPipe();

/**
 * The auditor's dossier of a grant: request (the worker builds it), list, follow, download. Secretariat only; the
 * access check on the grant is in the service, so anyone else gets 404 (the grant's dossiers do not exist for them).
 */
@ApiTags('dossiers')
@Controller()
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  @Post('grants/:grantId/dossiers') @HttpCode(202) @Authenticated()
  @ApiAcceptedResponse({ type: DossierResponseDto, description: 'Queued for the worker (or the one already being built; a failed one requested again)' })
  request(@CurrentUser() user: AuthUser, @Param('grantId', uuid) grantId: string) {
    return this.dossiers.request(user, grantId);
  }

  @Get('grants/:grantId/dossiers') @Authenticated()
  @ApiOkResponse({ type: DossierListResponseDto, description: "The grant's dossiers, newest first" })
  list(@CurrentUser() user: AuthUser, @Param('grantId', uuid) grantId: string) {
    return this.dossiers.list(user, grantId);
  }

  @Get('dossiers/:id') @Authenticated()
  @ApiOkResponse({ type: DossierResponseDto, description: 'Status and progress (done of total); once ready, the SHA-256 of the ZIP and of its manifest' })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.dossiers.view(user, id);
  }

  @Get('dossiers/:id/download') @Authenticated() @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The ZIP, its SHA-256 in X-Content-SHA256 and the manifest’s in X-Manifest-SHA256', schema: { type: 'string', format: 'binary' } })
  async download(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response): Promise<void> {
    const { dossier, stream } = await this.dossiers.download(user, id);
    res.setHeader('Content-Type', 'application/zip');
    if (dossier.size !== null) res.setHeader('Content-Length', String(dossier.size));
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(dossier.fileName)}`);
    res.setHeader('X-Content-SHA256', dossier.sha256 ?? '');
    res.setHeader('X-Manifest-SHA256', dossier.manifestSha256 ?? '');
    res.setHeader('Cache-Control', 'private, no-store');
    stream.pipe(res);
  }
}
