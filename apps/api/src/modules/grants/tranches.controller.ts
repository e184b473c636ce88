import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser, RequirePermission, RequireRecentSecondFactor } from '../../common/decorators';
import { sendSpreadsheet } from '../../common/spreadsheet';
import { PaymentOrderDayDto, PaymentOrderFileQuery, PayTrancheDto, ReasonRequiredDto, RequestTrancheDto } from './dtos/grant.dtos';
import { PaymentOrderListResponseDto, PaymentOrderPreviewResponseDto, PaymentOrderResponseDto, TrancheResponseDto } from './dtos/grant-response.dto';
import { PaymentOrdersService } from './payment-orders.service';
import { TranchesService } from './tranches.service';

const uuid = new ParseUUIDPipe();

/** Tranches: request, approval (every condition shown, an unmet one refuses), return, payment (once). */
@ApiTags('tranches')
@Controller('tranches')
export class TranchesController {
  constructor(private readonly tranches: TranchesService) {}

  @Get(':id') @Authenticated()
  @ApiOkResponse({ type: TrancheResponseDto })
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.tranches.view(user, id);
  }

  @Post(':id/request') @HttpCode(200) @RequirePermission('grant.act.own')
  @ApiOkResponse({ type: TrancheResponseDto, description: 'The organisation requests a planned tranche (its expenditure report, its documents); the Secretariat is told' })
  request(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RequestTrancheDto) {
    return this.tranches.request(user, id, dto);
  }

  @Post(':id/approve') @HttpCode(200) @RequirePermission('grant.manage') @RequireRecentSecondFactor()
  @ApiOkResponse({ type: TrancheResponseDto, description: 'Approved when every condition is met; 409 conditions_not_met names each unmet one with its figure' })
  approve(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.tranches.approve(user, id);
  }

  @Post(':id/return') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: TrancheResponseDto, description: 'A requested tranche back to the organisation (or an approved one the bank refused back to planned), with the reason' })
  giveBack(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonRequiredDto) {
    return this.tranches.return(user, id, dto.reason);
  }

  @Post(':id/pay') @HttpCode(200) @RequirePermission('grant.manage')
  @ApiOkResponse({ type: TrancheResponseDto, description: 'Paid once (value date, bank reference); 409 already_paid the second time' })
  pay(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PayTrancheDto) {
    return this.tranches.pay(user, id, dto);
  }
}

const COLUMNS = ['agreement_number', 'tranche', 'beneficiary', 'iban', 'amount_eur', 'remittance', 'end_to_end_id'];

/** Payment orders: a day's approved tranches as CSV, XLSX and ISO 20022 pain.001 (the agreement number as remittance text). */
@ApiTags('payment-orders')
@Controller('payment-orders')
export class PaymentOrdersController {
  constructor(private readonly orders: PaymentOrdersService) {}

  @Get() @RequirePermission('grant.manage')
  @ApiOkResponse({ type: PaymentOrderListResponseDto })
  list(@CurrentUser() user: AuthUser) {
    return this.orders.list(user);
  }

  @Get('preview') @RequirePermission('grant.manage')
  @ApiOkResponse({ type: PaymentOrderPreviewResponseDto, description: 'The tranches approved on the day and not yet in an order, and the orders of the day' })
  preview(@CurrentUser() user: AuthUser, @Query() q: PaymentOrderDayDto) {
    return this.orders.preview(user, q.day);
  }

  @Post() @RequirePermission('grant.manage')
  @ApiCreatedResponse({ type: PaymentOrderResponseDto, description: "Records the day's order: its tranches belong to it and are never put in another" })
  create(@CurrentUser() user: AuthUser, @Body() dto: PaymentOrderDayDto) {
    return this.orders.create(user, dto.day);
  }

  @Get(':id') @RequirePermission('grant.manage')
  @ApiOkResponse({ type: PaymentOrderResponseDto })
  detail(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.orders.detail(user, id);
  }

  @Get(':id/file') @RequirePermission('grant.manage') @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/xml')
  @ApiOkResponse({ description: 'The order as CSV, XLSX or pain.001.001.03 XML', schema: { type: 'string', format: 'binary' } })
  async file(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: PaymentOrderFileQuery, @Res() res: Response) {
    const { order, entity, xml } = await this.orders.file(user, id);
    if (q.format === 'xml') {
      res.setHeader('Content-Type', 'application/xml; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${entity.messageId}.xml"`);
      res.send(xml);
      return;
    }
    const rows = order.lines.map((l) => ({
      agreement_number: l.agreementNumber, tranche: l.seq, beneficiary: l.beneficiaryName, iban: l.iban, amount_eur: l.amount, remittance: l.remittanceInformation, end_to_end_id: l.endToEndId,
    }));
    await sendSpreadsheet(res, { format: q.format, fileName: entity.messageId, sheetName: 'PaymentOrder', columns: COLUMNS, rows, reader: user, wide: ['remittance'] });
  }
}
