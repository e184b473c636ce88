import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, RequirePermission } from '../../common/decorators';
import { ClosureService } from './closure.service';
import { CloseGrantDto, DrawUpFinalBalanceDto, RecordRepaymentDto, RecoveryOrderListQuery } from './dtos/closure.dtos';
import { ClosureResponseDto, FinalBalanceResponseDto, RecoveryOrderListResponseDto, RecoveryOrderResponseDto } from './dtos/closure-response.dto';
import { FinalBalanceService } from './final-balance.service';
import { RecoveryOrdersService } from './recovery-orders.service';

const uuid = new ParseUUIDPipe();

/** Closing a grant: its final balance with each cap explained, drawing it up, the closure checklist and the close. */
@ApiTags('grants')
@Controller('grants/:id')
export class ClosureController {
  constructor(private readonly balance: FinalBalanceService, private readonly closure: ClosureService) {}

  @Get('final-balance') @Authenticated()
  @ApiOkResponse({ type: FinalBalanceResponseDto, description: 'The final balance as the records stand (each cap explained), what stops it from being drawn up, and the one drawn up' })
  finalBalance(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.balance.view(user, id);
  }

  @Post('final-balance') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: FinalBalanceResponseDto, description: 'The Secretariat draws it up: frozen with its SHA-256; a payment becomes the balance tranche, a recovery a recovery order due in 30 days' })
  drawUp(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: DrawUpFinalBalanceDto) {
    return this.balance.drawUp(user, id, dto.version);
  }

  @Get('closure') @Authenticated()
  @ApiOkResponse({ type: ClosureResponseDto, description: 'The closure checklist with its figures' })
  checklist(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.closure.view(user, id);
  }

  @Post('close') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: ClosureResponseDto, description: 'Closed once every item is met and with a closing note (422 naming each unmet item); read-only afterwards' })
  close(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CloseGrantDto) {
    return this.closure.close(user, id, dto);
  }
}

/** Recovery orders: the Secretariat and observers read all, an organisation its own; the Secretariat records repayments. */
@ApiTags('recovery-orders')
@Controller('recovery-orders')
export class RecoveryOrdersController {
  constructor(private readonly orders: RecoveryOrdersService) {}

  @Get() @Authenticated()
  @ApiOkResponse({ type: RecoveryOrderListResponseDto })
  list(@CurrentUser() user: AuthUser, @Query() q: RecoveryOrderListQuery) {
    return this.orders.list(user, q);
  }

  @Get(':id') @Authenticated()
  @ApiOkResponse({ type: RecoveryOrderResponseDto })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.orders.view(user, id);
  }

  @Post(':id/repayments') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: RecoveryOrderResponseDto, description: 'A repayment received (never above what is still owed); settled when repaid in full' })
  repay(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RecordRepaymentDto) {
    return this.orders.recordRepayment(user, id, dto);
  }
}
