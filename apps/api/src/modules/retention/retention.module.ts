import { Module } from '@nestjs/common';
import { ErasureService } from './erasure.service';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

/** Retention periods, the sweep, and erasing a person's data (issue 14). */
@Module({ controllers: [RetentionController], providers: [RetentionService, ErasureService], exports: [RetentionService, ErasureService] })
export class RetentionModule {}
