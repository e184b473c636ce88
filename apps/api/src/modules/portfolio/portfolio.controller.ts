import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { SuppressedCountResponseDto } from '../reports/dtos/narrative-reports-response.dto';
import { PortfolioFilterDto } from './dtos/portfolio.dtos';
import {
  PortfolioBeneficiariesResponseDto, PortfolioFiltersResponseDto, PortfolioGrantsResponseDto, PortfolioMoneyResponseDto, PortfolioOverdueResponseDto, PortfolioResultsResponseDto,
} from './dtos/portfolio-response.dto';
import { PortfolioService } from './portfolio.service';

/** The portfolio dashboard: pre-aggregated figures, the same filter on every route, each answer with its asOf. */
@ApiTags('portfolio')
@ApiExtraModels(SuppressedCountResponseDto)
@Controller('portfolio')
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get('filters') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: PortfolioFiltersResponseDto, description: 'The calls, Strategy objectives and municipalities present among the grants the reader sees' })
  filters(@CurrentUser() user: AuthUser, @Query() _q: PortfolioFilterDto) {
    return this.portfolio.filters(user);
  }

  @Get('money') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: PortfolioMoneyResponseDto, description: 'Awarded, contracted, paid, spent, accepted, remaining, recovered; by call, organisation and budget heading; burn rate; by month' })
  money(@CurrentUser() user: AuthUser, @Query() q: PortfolioFilterDto) {
    return this.portfolio.money(user, q);
  }

  @Get('grants') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: PortfolioGrantsResponseDto, description: 'Grants by latest monitoring rating and by status' })
  grants(@CurrentUser() user: AuthUser, @Query() q: PortfolioFilterDto) {
    return this.portfolio.grants(user, q);
  }

  @Get('overdue') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: PortfolioOverdueResponseDto, description: 'Signatures, narrative reports, tranches and action points overdue, oldest first' })
  overdue(@CurrentUser() user: AuthUser, @Query() q: PortfolioFilterDto) {
    return this.portfolio.overdue(user, q);
  }

  @Get('results') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: PortfolioResultsResponseDto, description: 'Indicator achievement against target by National Strategy objective' })
  results(@CurrentUser() user: AuthUser, @Query() q: PortfolioFilterDto) {
    return this.portfolio.results(user, q);
  }

  @Get('beneficiaries') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: PortfolioBeneficiariesResponseDto, description: 'Beneficiaries by sex, age band, intake, service and municipality, counts from 1 to 4 suppressed' })
  beneficiaries(@CurrentUser() user: AuthUser, @Query() q: PortfolioFilterDto) {
    return this.portfolio.beneficiaries(user, q);
  }
}
