import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { KOSOVO_MUNICIPALITIES } from '@grants/domain';
import { Public } from '../../common/decorators';
import { MunicipalityResponseDto } from './dtos/municipality-response.dto';

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  /** Kosovo's 38 municipalities with their names in en, sq and sr. */
  @Get('municipalities') @Public() @ApiOkResponse({ type: [MunicipalityResponseDto] })
  municipalities(): readonly MunicipalityResponseDto[] {
    return KOSOVO_MUNICIPALITIES;
  }
}
