import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser } from '../../common/decorators';
import { FilesService } from './files.service';

@ApiTags('files')
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Get(':fileId/download') @Authenticated() @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its own Content-Type and its SHA-256 in X-Content-SHA256', schema: { type: 'string', format: 'binary' } })
  async download(@CurrentUser() user: AuthUser, @Param('fileId', new ParseUUIDPipe()) fileId: string, @Res() res: Response): Promise<void> {
    const { file, stream } = await this.files.open(user, fileId);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('X-Content-SHA256', file.sha256);
    res.setHeader('Cache-Control', 'private, no-store');
    stream.pipe(res);
  }
}
