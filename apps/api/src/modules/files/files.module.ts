import { Global, Module } from '@nestjs/common';
import { ENV, Env } from '../../config/env.dto';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { createStorage, FILE_STORAGE } from './storage';

@Global()
@Module({
  controllers: [FilesController],
  providers: [FilesService, { provide: FILE_STORAGE, inject: [ENV], useFactory: (env: Env) => createStorage(env) }],
  exports: [FilesService, FILE_STORAGE],
})
export class FilesModule {}
