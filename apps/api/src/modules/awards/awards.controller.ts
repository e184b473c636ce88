import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { ReasonDto, RecordDecisionDto } from '../evaluations/dtos/evaluation.dtos';
import { outcomeLetterPdf } from '../evaluations/evaluation-pdf';
import { RankingResponseDto } from '../evaluations/dtos/evaluation-response.dto';
import { AwardsService } from './awards.service';
import { DecisionsResponseDto, OutcomeResponseDto } from './dtos/award-response.dto';
import { OutcomeLettersService } from './outcome-letters.service';

const uuid = new ParseUUIDPipe();

/** The committee's decision, awards and declines (the reserve list moves up), and the applicants' outcome letters. */
@ApiTags('awards')
@Controller()
export class AwardsController {
  constructor(private readonly awards: AwardsService, private readonly letters: OutcomeLettersService) {}

  @Get('calls/:id/decisions') @RequirePermission('evaluation.manage')
  @ApiOkResponse({ type: DecisionsResponseDto })
  decisions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.awards.decisions(user, id);
  }

  @Post('calls/:id/decision') @RequirePermission('award.decide')
  @ApiCreatedResponse({ type: RankingResponseDto })
  decide(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RecordDecisionDto) {
    return this.awards.decide(user, id, dto);
  }

  @Post('awards/:id/decline') @HttpCode(200) @RequirePermission('award.decide')
  @ApiOkResponse({ type: RankingResponseDto })
  decline(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonDto) {
    return this.awards.decline(user, id, dto.reason);
  }

  // The applicant

  @Get('applications/:id/outcome') @RequirePermission('application.read.own')
  @ApiOkResponse({ type: OutcomeResponseDto })
  outcome(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.letters.outcome(user, id);
  }

  @Get('applications/:id/outcome.pdf') @RequirePermission('application.read.own') @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The outcome letter, as PDF in the reader\'s language', schema: { type: 'string', format: 'binary' } })
  async outcomePdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response) {
    const o = await this.letters.outcome(user, id);
    const pdf = await outcomeLetterPdf(o, user.language);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="outcome-${o.application.reference}.pdf"`);
    res.send(pdf);
  }
}
