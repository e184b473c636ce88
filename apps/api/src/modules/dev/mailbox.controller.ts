import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/decorators';
import { ENV, Env } from '../../config/env.dto';
import { readMailbox } from './mailbox';
import { MailboxResponseDto } from './dtos/mailbox-response.dto';

/**
 * Demo mailbox: with no SMTP server configured (and never in production) the portal keeps its outgoing e-mail
 * and shows it here, so a newcomer can follow a verification link: to a Secretariat admin or on the machine itself
 * (see mailbox.ts); anyone else gets a 404.
 */
@ApiTags('dev')
@Controller('dev')
export class MailboxController {
  constructor(@InjectDataSource() private readonly ds: DataSource, @Inject(ENV) private readonly env: Env) {}

  @Get('mailbox') @Public() @ApiOkResponse({ type: MailboxResponseDto })
  mailbox(@Req() req: Request): Promise<MailboxResponseDto> {
    return readMailbox(this.ds, this.env, req);
  }
}
