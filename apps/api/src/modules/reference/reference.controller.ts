import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { KOSOVO_MUNICIPALITIES } from '@grants/domain';
import { Public } from '../../common/decorators';

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  /** Kosovo's 38 municipalities with their names in en, sq and sr. */
  @Get('municipalities') @Public()
  municipalities() {
    return KOSOVO_MUNICIPALITIES;
  }
}
