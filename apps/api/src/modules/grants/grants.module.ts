import { Module } from '@nestjs/common';
import { GrantsController } from './grants.controller';
import { GrantsRepository } from './grants.repository';
import { GrantsService } from './grants.service';
import { PaymentOrdersService } from './payment-orders.service';
import { TrancheConditionsService } from './tranche-conditions.service';
import { PaymentOrdersController, TranchesController } from './tranches.controller';
import { TranchesService } from './tranches.service';

/** Grants: agreements drawn up from awards, signing, tranches, payment orders, bank-account changes. */
@Module({
  controllers: [GrantsController, TranchesController, PaymentOrdersController],
  providers: [GrantsService, GrantsRepository, TranchesService, TrancheConditionsService, PaymentOrdersService],
  exports: [GrantsRepository, TrancheConditionsService],
})
export class GrantsModule {}
