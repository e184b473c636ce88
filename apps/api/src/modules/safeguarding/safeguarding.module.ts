import { Module } from '@nestjs/common';
import { SafeguardingController } from './safeguarding.controller';
import { SafeguardingRepository } from './safeguarding.repository';
import { SafeguardingService } from './safeguarding.service';

/** The confidential safeguarding channel (issue 14): public reports with a follow-up code, read only by the designated focal points. */
@Module({
  controllers: [SafeguardingController],
  providers: [SafeguardingService, SafeguardingRepository],
})
export class SafeguardingModule {}
