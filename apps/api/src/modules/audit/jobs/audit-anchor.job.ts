import { Injectable } from '@nestjs/common';
import type { JobHandler } from '../../../jobs/job-handler';
import { AuditService } from '../audit.service';

/** The day in Kosovo's time zone, YYYY-MM-DD. */
const kosovoDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade' }).format(d);

/**
 * Once a day: records the head of the audit chain (its length and last hash) in `audit_anchors`, so that
 * `npm run audit:verify` finds a tail cut or rewritten since. One anchor per day, however often the job runs.
 */
@Injectable()
export class AuditAnchorHandler implements JobHandler<'audit.anchor'> {
  readonly name = 'audit.anchor' as const;
  constructor(private readonly audit: AuditService) {}

  async handle({ day }: { day: string }) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : kosovoDay(new Date());
    await this.audit.anchorOnce(`daily:${date}`, new Date(0));
  }
}
