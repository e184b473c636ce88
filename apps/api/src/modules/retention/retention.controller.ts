import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser, RequirePermission, RequireRecentSecondFactor } from '../../common/decorators';
import { EraseUserDto, UpdateRetentionSettingsDto } from './dtos/retention.dtos';
import { RetentionDryRunResponseDto, RetentionRunResponseDto, RetentionSettingResponseDto, UserErasureResponseDto } from './dtos/retention-response.dto';
import { ErasureService } from './erasure.service';
import { RetentionService } from './retention.service';

@ApiTags('retention')
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService, private readonly erasure: ErasureService) {}

  @Get('retention/settings') @RequirePermission('retention.manage') @ApiOkResponse({ type: [RetentionSettingResponseDto] })
  settings(): Promise<RetentionSettingResponseDto[]> {
    return this.retention.settings();
  }

  @Put('retention/settings') @RequirePermission('retention.manage') @RequireRecentSecondFactor() @ApiOkResponse({ type: [RetentionSettingResponseDto] })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateRetentionSettingsDto): Promise<RetentionSettingResponseDto[]> {
    return this.retention.update(user, dto.settings);
  }

  @Post('retention/dry-run') @HttpCode(200) @RequirePermission('retention.manage') @ApiOkResponse({ type: RetentionDryRunResponseDto })
  dryRun(): Promise<RetentionDryRunResponseDto> {
    return this.retention.dryRun();
  }

  @Get('retention/runs') @RequirePermission('retention.manage') @ApiOkResponse({ type: [RetentionRunResponseDto] })
  runs(): Promise<RetentionRunResponseDto[]> {
    return this.retention.runs();
  }

  @Post('retention/runs') @HttpCode(200) @RequirePermission('retention.manage') @ApiOkResponse({ type: RetentionRunResponseDto })
  async run(@CurrentUser() user: AuthUser): Promise<RetentionRunResponseDto> {
    const r = await this.retention.sweep(user);
    return (await this.retention.runs(50)).find((x) => x.id === r.id)!;
  }

  @Post('users/:id/erase') @HttpCode(200) @RequirePermission('user.erase') @RequireRecentSecondFactor() @ApiOkResponse({ type: UserErasureResponseDto })
  erase(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: EraseUserDto): Promise<UserErasureResponseDto> {
    return this.erasure.erase(user, id, dto.reason);
  }
}
