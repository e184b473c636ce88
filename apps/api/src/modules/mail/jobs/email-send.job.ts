import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { ENV, Env } from '../../../config/env.dto';
import { EmailEntity } from '../entities/email.entity';
import type { JobHandler } from '../../../jobs/job-handler';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export function createMailTransport(env: Env): Transporter | null {
  return env.SMTP_URL ? createTransport(env.SMTP_URL) : null;
}

@Injectable()
export class EmailSendHandler implements JobHandler<'email.send'> {
  readonly name = 'email.send' as const;
  private readonly logger = new Logger('Mail');
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter | null,
  ) {}

  async handle({ emailId }: { emailId: string }) {
    const repo = this.ds.getRepository(EmailEntity);
    const email = await repo.findOneBy({ id: emailId });
    if (!email || email.status === 'sent' || email.status === 'caught') return; // already done: idempotent
    await repo.increment({ id: emailId }, 'attempts', 1);
    if (!this.transport) {
      await repo.update({ id: emailId }, { status: 'caught', sentAt: new Date() });
      this.logger.log(`Caught (no SMTP configured) "${email.subject}" to ${email.toAddress}: see /mailbox`);
      return;
    }
    try {
      await this.transport.sendMail({
        from: this.env.MAIL_FROM, to: email.toAddress, subject: email.subject, text: email.textBody, html: email.htmlBody,
        headers: { 'X-Grant-Portal-Email-Id': email.id },
      });
      await repo.update({ id: emailId }, { status: 'sent', sentAt: new Date(), lastError: null });
    } catch (e) {
      await repo.update({ id: emailId }, { lastError: String((e as Error).message ?? e) });
      throw e; // BullMQ retries with backoff
    }
  }
}
