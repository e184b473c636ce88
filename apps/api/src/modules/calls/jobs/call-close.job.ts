import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditActor } from '../../../common/auth-user';
import type { JobHandler } from '../../../jobs/job-handler';
import { AuditService } from '../../audit/audit.service';
import { changeCallStatus } from '../call-status';
import { CallEntity } from '../entities/call.entity';

const WORKER: AuditActor = { id: null, email: 'worker' };

/** Closes a call at its deadline. If the deadline was extended since the job was queued, it does nothing. */
@Injectable()
export class CallCloseHandler implements JobHandler<'call.close'> {
  readonly name = 'call.close' as const;
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly audit: AuditService) {}

  async handle({ callId, deadline }: { callId: string; deadline: string }) {
    await this.ds.transaction(async (m) => {
      const call = await m.findOne(CallEntity, { where: { id: callId }, lock: { mode: 'pessimistic_write' } });
      if (!call || call.status !== 'published') return; // already closed: idempotent
      if (call.submissionDeadlineAt?.toISOString() !== new Date(deadline).toISOString()) return; // extended
      const [{ due }] = await m.query(`SELECT now() >= $1::timestamptz AS due`, [call.submissionDeadlineAt]);
      if (!due) throw new Error('The deadline has not been reached yet'); // retried with backoff
      await changeCallStatus(m, this.audit, WORKER, call.id, 'closed', {
        set: { closedAt: new Date() }, audit: { action: 'call.closed', summary: `${call.reference} closed at its deadline` },
      });
    });
  }
}
