import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission, RequireRecentSecondFactor } from '../../common/decorators';
import { ReasonDto, RecordDecisionDto } from '../evaluations/dtos/evaluation.dtos';
import { RankingResponseDto } from '../evaluations/dtos/evaluation-response.dto';
import { AwardsService } from './awards.service';
import { RefuseOfferDto } from './dtos/award.dtos';
import { DecisionsResponseDto, OutcomeResponseDto } from './dtos/award-response.dto';
import { outcomeLetterPdf } from './outcome-letter-pdf';
import { OutcomeLettersService } from './outcome-letters.service';

const uuid = new ParseUUIDPipe();

/**
 * The committee's decision, awards, offers and declines (the funding line re-runs down the reserve list), the
 * organisations' answers to offers, and the applicants' outcome letters.
 */
@ApiTags('awards')
@Controller()
export class AwardsController {
  constructor(private readonly awards: AwardsService, private readonly letters: OutcomeLettersService) {}

  @Get('calls/:id/decisions') @RequirePermission('evaluation.manage')
  @ApiOkResponse({ type: DecisionsResponseDto })
  decisions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.awards.decisions(user, id);
  }

  @Post('calls/:id/decision') @RequirePermission('award.decide') @RequireRecentSecondFactor()
  @ApiCreatedResponse({ type: RankingResponseDto })
  decide(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RecordDecisionDto) {
    return this.awards.decide(user, id, dto);
  }

  @Post('awards/:id/decline') @HttpCode(200) @RequirePermission('award.decide') @RequireRecentSecondFactor()
  @ApiOkResponse({ type: RankingResponseDto })
  decline(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonDto) {
    return this.awards.decline(user, id, dto.reason);
  }

  // The applicant

  @Post('awards/:id/accept') @HttpCode(200) @RequirePermission('application.create')
  @ApiOkResponse({ type: OutcomeResponseDto, description: 'The organisation accepts an offer (less than it requested): the award is made; the outcome as it now stands' })
  accept(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.awards.accept(user, id);
  }

  @Post('awards/:id/refuse') @HttpCode(200) @RequirePermission('application.create')
  @ApiOkResponse({ type: OutcomeResponseDto, description: 'The organisation refuses an offer: its money goes down the reserve list; the outcome as it now stands' })
  refuse(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RefuseOfferDto) {
    return this.awards.refuse(user, id, dto.reason?.trim() || null);
  }

  @Get('applications/:id/outcome') @RequirePermission('application.read.own')
  @ApiOkResponse({ type: OutcomeResponseDto })
  outcome(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.letters.outcome(user, id);
  }

  @Get('applications/:id/outcome.pdf') @RequirePermission('application.read.own') @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The outcome letter, as PDF in the reader\'s language', schema: { type: 'string', format: 'binary' } })
  async outcomePdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response) {
    const o = await this.letters.outcome(user, id);
    const pdf = await outcomeLetterPdf(o, user);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="outcome-${o.application.reference}.pdf"`);
    res.send(pdf);
  }
}
