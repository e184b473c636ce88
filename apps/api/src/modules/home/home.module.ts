import { Module } from '@nestjs/common';
import { HomeController } from './home.controller';
import { HomeRepository } from './home.repository';
import { HomeService } from './home.service';

/** Each role's home page: its to-do list (GET /api/home/todo). */
@Module({ controllers: [HomeController], providers: [HomeService, HomeRepository] })
export class HomeModule {}
