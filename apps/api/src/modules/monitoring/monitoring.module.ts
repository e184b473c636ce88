import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { ActionPointsController } from './action-points.controller';
import { ActionPointsService } from './action-points.service';
import { MonitoringPriorityService } from './monitoring-priority.service';
import { MonitoringRepository } from './monitoring.repository';
import { VisitsController } from './visits.controller';
import { VisitsService } from './visits.service';

/** Monitoring: visits, visit reports with photos, action points, and the monitoring priority of grants. */
@Module({
  imports: [FilesModule],
  controllers: [VisitsController, ActionPointsController],
  providers: [VisitsService, ActionPointsService, MonitoringPriorityService, MonitoringRepository],
  exports: [MonitoringRepository, MonitoringPriorityService],
})
export class MonitoringModule {}
