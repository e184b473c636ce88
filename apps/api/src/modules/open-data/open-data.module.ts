import { Module } from '@nestjs/common';
import { OpenDataController } from './open-data.controller';
import { OpenDataRepository } from './open-data.repository';
import { OpenDataService } from './open-data.service';

/** Open data: GET /api/open-data/iati.xml, /grants.csv, /summary. */
@Module({ controllers: [OpenDataController], providers: [OpenDataService, OpenDataRepository] })
export class OpenDataModule {}
