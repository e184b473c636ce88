import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission } from '../../common/decorators';
import { OpenDataSummaryResponseDto } from './dtos/open-data-response.dto';
import { OpenDataFile, OpenDataService } from './open-data.service';

const send = (res: Response, type: string, f: OpenDataFile) => {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${f.fileName}"`);
  res.setHeader('X-Content-SHA256', f.sha256);
  if (f.lastChanged) res.setHeader('Last-Modified', new Date(f.lastChanged).toUTCString());
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(f.body);
};

/** Open data for the donor to publish: IATI 2.03 activities and the same figures as CSV (Secretariat and observers). */
@ApiTags('open-data')
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Get('summary') @RequirePermission('portfolio.read')
  @ApiOkResponse({ type: OpenDataSummaryResponseDto })
  summary(@CurrentUser() user: AuthUser): Promise<OpenDataSummaryResponseDto> {
    return this.openData.summary(user);
  }

  @Get('iati.xml') @RequirePermission('portfolio.read') @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The grants signed or later as IATI 2.03 activities (iati-activities-schema.xsd)', schema: { type: 'string', format: 'binary' } })
  async iati(@CurrentUser() user: AuthUser, @Res() res: Response) {
    send(res, 'application/xml; charset=utf-8', await this.openData.xml(user));
  }

  @Get('grants.csv') @RequirePermission('portfolio.read') @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per grant with the same figures as the IATI file', schema: { type: 'string', format: 'binary' } })
  async csv(@CurrentUser() user: AuthUser, @Res() res: Response) {
    send(res, 'text/csv; charset=utf-8', await this.openData.csv(user));
  }
}
