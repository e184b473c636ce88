import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../../common/decorators';
import { ENV, Env } from '../../config/env.dto';
import { EmailEntity } from '../mail/entities/email.entity';
import { MailboxResponseDto } from './dtos/mailbox-response.dto';

/**
 * Demo mailbox: with no SMTP server configured (and never in production) the portal keeps its outgoing e-mail
 * and shows it here, so a newcomer can follow a verification link.
 */
@ApiTags('dev')
@Controller('dev')
export class MailboxController {
  constructor(@InjectDataSource() private readonly ds: DataSource, @Inject(ENV) private readonly env: Env) {}

  @Get('mailbox') @Public() @ApiOkResponse({ type: MailboxResponseDto })
  async mailbox(): Promise<MailboxResponseDto> {
    const enabled = this.env.demoMode && !this.env.SMTP_URL;
    if (!enabled) return { enabled: false, items: [] };
    const rows = await this.ds.getRepository(EmailEntity).find({ order: { createdAt: 'DESC' }, take: 100 });
    return {
      enabled,
      items: rows.map((e) => ({ id: e.id, to: e.toAddress, subject: e.subject, text: e.textBody, html: e.htmlBody, status: e.status, createdAt: e.createdAt.toISOString() })),
    };
  }
}
