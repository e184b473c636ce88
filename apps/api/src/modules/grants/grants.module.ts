import { Module } from '@nestjs/common';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { AmendmentsController } from './amendments.controller';
import { AmendmentsRepository } from './amendments.repository';
import { AmendmentsService } from './amendments.service';
import { ClosureController, RecoveryOrdersController } from './closure.controller';
import { ClosureRepository } from './closure.repository';
import { ClosureService } from './closure.service';
import { ExpenditureReportsController } from './expenditure-reports.controller';
import { ExpenditureReportsService } from './expenditure-reports.service';
import { ExpenditureRepository } from './expenditure.repository';
import { FinalBalanceService } from './final-balance.service';
import { GrantsController } from './grants.controller';
import { GrantsRepository } from './grants.repository';
import { GrantsService } from './grants.service';
import { PaymentOrdersService } from './payment-orders.service';
import { RecoveryOrdersService } from './recovery-orders.service';
import { TrancheConditionsService } from './tranche-conditions.service';
import { PaymentOrdersController, TranchesController } from './tranches.controller';
import { TranchesService } from './tranches.service';

/** Grants: agreements drawn up from awards, signing, tranches, payment orders, amendments and versions. */
@Module({
  imports: [MonitoringModule],
  controllers: [GrantsController, TranchesController, PaymentOrdersController, AmendmentsController, ExpenditureReportsController, ClosureController, RecoveryOrdersController],
  providers: [GrantsService, GrantsRepository, TranchesService, TrancheConditionsService, PaymentOrdersService, AmendmentsService, AmendmentsRepository, ExpenditureReportsService, ExpenditureRepository, FinalBalanceService, RecoveryOrdersService, ClosureService, ClosureRepository],
  exports: [GrantsRepository, TrancheConditionsService],
})
export class GrantsModule {}
