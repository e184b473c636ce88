import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { Public } from '../../common/decorators';
import { pingQueue } from '../queue/queue.factory';
import { QUEUE } from '../queue/queue.module';
import { HealthResponseDto } from './dtos/health-response.dto';
import { HealthRepository } from './health.repository';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: HealthRepository, @Inject(QUEUE) private readonly queue: Queue) {}

  /** 200 when the database and the queue answer; 503 naming the part that is down. */
  @Get() @Public() @ApiOkResponse({ type: HealthResponseDto }) @ApiServiceUnavailableResponse({ type: HealthResponseDto })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponseDto> {
    const db = await this.db.ping().then(() => 'up' as const, () => 'down' as const);
    const queue = await pingQueue(this.queue).then(() => 'up' as const, () => 'down' as const);
    const ok = db === 'up' && queue === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', db, queue };
  }
}
