import { Module } from '@nestjs/common';
import { GrantsModule } from '../grants/grants.module';
import { HomeController } from './home.controller';
import { HomeRepository } from './home.repository';
import { HomeService } from './home.service';

/** Each role's home page: its to-do list (GET /api/home/todo). */
@Module({ imports: [GrantsModule], controllers: [HomeController], providers: [HomeService, HomeRepository] })
export class HomeModule {}
