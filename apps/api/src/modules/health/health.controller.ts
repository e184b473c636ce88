import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/decorators';
import { pingQueue } from '../queue/queue.factory';
import { QUEUE } from '../queue/queue.module';
import { HealthResponseDto } from './dtos/health-response.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource, @Inject(QUEUE) private readonly queue: Queue) {}

  /** 200 when the database and the queue answer; 503 naming the part that is down. */
  @Get() @Public() @ApiOkResponse({ type: HealthResponseDto }) @ApiServiceUnavailableResponse({ type: HealthResponseDto })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponseDto> {
    const db = await this.ds.query('SELECT 1').then(() => 'up' as const, () => 'down' as const);
    const queue = await pingQueue(this.queue).then(() => 'up' as const, () => 'down' as const);
    const ok = db === 'up' && queue === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', db, queue };
  }
}
