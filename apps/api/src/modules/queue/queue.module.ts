import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ENV, Env } from '../../config/env.dto';
import { createQueue } from './queue.factory';

export const QUEUE = Symbol('QUEUE');

@Global()
@Module({
  providers: [{ provide: QUEUE, inject: [ENV], useFactory: (env: Env) => createQueue({ redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: env.QUEUE_PREFIX }) }],
  exports: [QUEUE],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(QUEUE) private readonly queue: Queue) {}
  async onApplicationShutdown() {
    await this.queue.close().catch(() => undefined);
  }
}
