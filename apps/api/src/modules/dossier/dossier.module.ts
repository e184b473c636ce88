import { Module } from '@nestjs/common';
import { DossierController } from './dossier.controller';
import { DossierRepository } from './dossier.repository';
import { DossierService } from './dossier.service';

/** The auditor's dossier of a grant (issue 13): requested here, built by the worker (jobs/dossier-build.job.ts). */
@Module({
  controllers: [DossierController],
  providers: [DossierService, DossierRepository],
})
export class DossierModule {}
