import { Module } from '@nestjs/common';
import { AmendmentsController } from './amendments.controller';
import { AmendmentsRepository } from './amendments.repository';
import { AmendmentsService } from './amendments.service';
import { GrantsController } from './grants.controller';
import { GrantsRepository } from './grants.repository';
import { GrantsService } from './grants.service';
import { PaymentOrdersService } from './payment-orders.service';
import { TrancheConditionsService } from './tranche-conditions.service';
import { PaymentOrdersController, TranchesController } from './tranches.controller';
import { TranchesService } from './tranches.service';

/** Grants: agreements drawn up from awards, signing, tranches, payment orders, amendments and versions. */
@Module({
  controllers: [GrantsController, TranchesController, PaymentOrdersController, AmendmentsController],
  providers: [GrantsService, GrantsRepository, TranchesService, TrancheConditionsService, PaymentOrdersService, AmendmentsService, AmendmentsRepository],
  exports: [GrantsRepository, TrancheConditionsService],
})
export class GrantsModule {}
