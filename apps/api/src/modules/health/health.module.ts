import { Module } from '@nestjs/common';
import { MailboxController } from '../dev/mailbox.controller';
import { ReferenceController } from '../reference/reference.controller';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';

/** Small read-only routes: health, reference data, the demo mailbox. */
@Module({ controllers: [HealthController, ReferenceController, MailboxController], providers: [HealthRepository] })
export class HealthModule {}
