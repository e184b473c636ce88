/**
 * The portfolio dashboard's answers (apps/api/src/modules/portfolio), named from the generated OpenAPI schema
 * (libs/api-client): the API's response DTOs are the one source of these shapes.
 */
import type { QueryOf, Schemas } from '../../api/client';

export type PortfolioFilter = QueryOf<'/api/portfolio/money', 'get'>;
export type PortfolioFilters = Schemas['PortfolioFiltersResponseDto'];
export type PortfolioMoney = Schemas['PortfolioMoneyResponseDto'];
export type MoneyFigures = Schemas['MoneyFiguresDto'];
export type MoneyGroup = Schemas['MoneyGroupDto'];
export type PortfolioGrants = Schemas['PortfolioGrantsResponseDto'];
export type PortfolioOverdue = Schemas['PortfolioOverdueResponseDto'];
export type OverdueItem = Schemas['OverdueItemDto'];
export type PortfolioResults = Schemas['PortfolioResultsResponseDto'];
export type ObjectiveResult = Schemas['ObjectiveResultDto'];
export type PortfolioBeneficiaries = Schemas['PortfolioBeneficiariesResponseDto'];
export type ShownCount = PortfolioBeneficiaries['table']['total'];
