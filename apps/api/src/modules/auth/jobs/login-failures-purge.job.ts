import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobHandler } from '../../../jobs/job-handler';
import { LOCK_MINUTES } from '../auth.service';
import { loginFailuresRepository } from '../login-failures.repository';

/**
 * Every quarter of an hour: forgets the failed logins of addresses without an account that are not locked: an
 * expired lock once it is older than the lockout window, a count of failures after a day (see
 * loginFailuresRepository.purgeOlderThan), so `login_failures` does not grow with every address an attacker tries.
 * Idempotent: a second run finds nothing more to delete.
 */
@Injectable()
export class LoginFailuresPurgeHandler implements JobHandler<'login_failures.purge'> {
  readonly name = 'login_failures.purge' as const;
  private readonly logger = new Logger('LoginFailures');
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async handle() {
    const purged = await loginFailuresRepository.purgeOlderThan(this.ds.manager, LOCK_MINUTES);
    if (purged) this.logger.log(`Forgot the failed logins of ${purged} address(es) without an account`);
  }
}
