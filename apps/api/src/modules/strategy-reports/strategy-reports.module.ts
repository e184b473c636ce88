import { Module } from '@nestjs/common';
import { StrategyReportsController } from './strategy-reports.controller';
import { StrategyReportsRepository } from './strategy-reports.repository';
import { StrategyReportsService } from './strategy-reports.service';

/** The Secretariat's 6-month and annual reports on the National Strategy: drafted from the portfolio, edited, issued, exported (DOCX, PDF). */
@Module({
  controllers: [StrategyReportsController],
  providers: [StrategyReportsService, StrategyReportsRepository],
})
export class StrategyReportsModule {}
