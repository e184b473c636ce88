import { Module } from '@nestjs/common';
import { NarrativeReportsController } from './narrative-reports.controller';
import { NarrativeReportsRepository } from './narrative-reports.repository';
import { NarrativeReportsService } from './narrative-reports.service';
import { ReportExtensionsService } from './report-extensions.service';

/** Interim and final (narrative) reports against the logframe: drafts, submission, review, versions, comments, requests for more time. */
@Module({
  controllers: [NarrativeReportsController],
  providers: [NarrativeReportsService, ReportExtensionsService, NarrativeReportsRepository],
  exports: [NarrativeReportsRepository],
})
export class ReportsModule {}
