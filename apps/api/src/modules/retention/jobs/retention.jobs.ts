import type { FeatureJobs } from '../../../jobs/job-handler';
import { FilesModule } from '../../files/files.module';
import { RetentionService } from '../retention.service';
import { RetentionSweepHandler } from './retention-sweep.job';

/** The retention feature's job: the daily sweep, with the file storage whose bytes it removes. */
export const RETENTION_JOBS: FeatureJobs = { handlers: [RetentionSweepHandler], providers: [RetentionService], imports: [FilesModule] };
