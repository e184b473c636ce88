import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequirePermission } from '../../common/decorators';
import { AuditService } from './audit.service';
import { AuditPageResponseDto, AuditVerificationResponseDto } from './dtos/audit-response.dto';

export class ListAuditQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
  @IsOptional() @IsString() @MaxLength(60) entity?: string;
  @IsOptional() @IsString() @MaxLength(80) action?: string;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get() @RequirePermission('audit.read') @ApiOkResponse({ type: AuditPageResponseDto })
  list(@Query() q: ListAuditQuery): Promise<AuditPageResponseDto> {
    return this.audit.list({ page: q.page ?? 1, pageSize: q.pageSize ?? 50, entity: q.entity, action: q.action });
  }

  @Post('verify') @HttpCode(200) @RequirePermission('audit.verify') @ApiOkResponse({ type: AuditVerificationResponseDto })
  verify(): Promise<AuditVerificationResponseDto> {
    return this.audit.verify();
  }
}
