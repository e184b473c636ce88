import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { ENV, Env } from '../../../config/env.dto';
import { EmailEntity } from '../entities/email.entity';
import type { JobHandler } from '../../../jobs/job-handler';
import { mailMetrics } from '../../metrics/metrics';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export function createMailTransport(env: Env): Transporter | null {
  // bounded waits: the e-mail's row stays locked while it is sent (below), so a hanging server must not hold it for minutes
  return env.SMTP_URL ? createTransport({ url: env.SMTP_URL, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }) : null;
}

/**
 * The Message-ID of an e-mail is derived from its row (`<id@domain of MAIL_FROM>`), so one e-mail has one Message-ID
 * however often it is handed to SMTP: receiving servers may drop a repeat, and a sink or mailbox counts repeats by it.
 */
export function messageIdOf(emailId: string, mailFrom: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'grant-portal.invalid';
  return `<${emailId}@${domain}>`;
}

/** Thrown when another run holds the e-mail's row right now: this run is retried with backoff and then finds it sent. */
export class EmailBusyError extends Error {}

@Injectable()
export class EmailSendHandler implements JobHandler<'email.send'> {
  readonly name = 'email.send' as const;
  private readonly logger = new Logger('Mail');
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter | null,
  ) {}

  /**
   * Sends one e-mail once, even when its job runs twice at the same time (a stalled job taken over by a second
   * worker, the stuck-e-mail sweep): the row is locked FOR UPDATE SKIP LOCKED for the time of the SMTP exchange and
   * marked sent in the same transaction; a run that finds it locked does not send and is retried later, when the
   * row says sent. (A crash between the SMTP answer and the commit can still resend: SMTP has no exactly-once.)
   */
  async handle({ emailId }: { emailId: string }) {
    const failure = await this.ds.transaction(async (m): Promise<Error | null> => {
      const email = await m.findOne(EmailEntity, { where: { id: emailId }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
      if (!email) {
        if (await m.exists(EmailEntity, { where: { id: emailId } })) throw new EmailBusyError(`E-mail ${emailId} is being sent by another run`);
        return null; // unknown
      }
      if (email.status === 'sent' || email.status === 'caught') return null; // already done: idempotent
      await m.increment(EmailEntity, { id: emailId }, 'attempts', 1);
      if (!this.transport) {
        await m.update(EmailEntity, { id: emailId }, { status: 'caught', sentAt: new Date() });
        this.logger.log(`Caught (no SMTP configured) "${email.subject}" to ${email.toAddress}: see /mailbox`);
        return null;
      }
      try {
        await this.transport.sendMail({
          from: this.env.MAIL_FROM, to: email.toAddress, subject: email.subject, text: email.textBody, html: email.htmlBody,
          messageId: messageIdOf(email.id, this.env.MAIL_FROM),
          headers: { 'X-Grant-Portal-Email-Id': email.id },
        });
      } catch (e) {
        // the attempt and its error are kept (committed), then the job fails and BullMQ retries with backoff
        await m.update(EmailEntity, { id: emailId }, { lastError: String((e as Error).message ?? e) });
        return e as Error;
      }
      await m.update(EmailEntity, { id: emailId }, { status: 'sent', sentAt: new Date(), lastError: null });
      mailMetrics.sent.inc();
      return null;
    });
    if (failure) {
      mailMetrics.failed.inc();
      throw failure;
    }
  }
}
