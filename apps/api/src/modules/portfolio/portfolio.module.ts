import { Module } from '@nestjs/common';
import { PortfolioController } from './portfolio.controller';
import { PortfolioRepository } from './portfolio.repository';
import { PortfolioService } from './portfolio.service';

/** The portfolio dashboard (GET /api/portfolio/*), read from the figures the worker's portfolio.refresh keeps. */
@Module({ controllers: [PortfolioController], providers: [PortfolioService, PortfolioRepository], exports: [PortfolioService] })
export class PortfolioModule {}
