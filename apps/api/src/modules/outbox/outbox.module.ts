import { Global, Module } from '@nestjs/common';
import { MailService } from '../mail/mail.service';
import { OutboxService } from './outbox.service';

/** The outbox and the mail composer: what every feature uses to cause side effects in its own transaction. */
@Global()
@Module({ providers: [OutboxService, MailService], exports: [OutboxService, MailService] })
export class OutboxModule {}
