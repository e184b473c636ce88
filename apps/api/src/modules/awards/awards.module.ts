import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { AwardsController } from './awards.controller';
import { AwardsRepository } from './awards.repository';
import { AwardsService } from './awards.service';
import { OutcomeLettersService } from './outcome-letters.service';

/** Awards: the committee's decision record, awards, declines, reserve move-ups and outcome letters. Grants start from them. */
@Module({ imports: [EvaluationsModule], controllers: [AwardsController], providers: [AwardsService, OutcomeLettersService, AwardsRepository], exports: [AwardsService, AwardsRepository] })
export class AwardsModule {}
