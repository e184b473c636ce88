import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequirePermission } from '../../common/decorators';
import { AuditService } from './audit.service';

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

  @Get() @RequirePermission('audit.read')
  list(@Query() q: ListAuditQuery) {
    return this.audit.list({ page: q.page ?? 1, pageSize: q.pageSize ?? 50, entity: q.entity, action: q.action });
  }

  @Post('verify') @HttpCode(200) @RequirePermission('audit.verify')
  verify() {
    return this.audit.verify();
  }
}
