import type { FeatureJobs } from '../../../jobs/job-handler';
import { FilesModule } from '../../files/files.module';
import { GrantsRepository } from '../../grants/grants.repository';
import { DossierBuilder } from '../dossier-builder';
import { DossierRepository } from '../dossier.repository';
import { DossierBuildHandler } from './dossier-build.job';

/** The dossier feature's job: building a requested auditor's dossier (dossier-build.job.ts), with the storage it writes to. */
export const DOSSIER_JOBS: FeatureJobs = {
  handlers: [DossierBuildHandler],
  providers: [DossierBuilder, DossierRepository, GrantsRepository],
  imports: [FilesModule],
};
