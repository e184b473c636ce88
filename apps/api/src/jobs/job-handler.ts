import type { JobName, JobPayload } from '../jobs/job-names';

/** One handler per job name. A handler must be idempotent: run twice, the world changes once. */
export interface JobHandler<N extends JobName = JobName> {
  readonly name: N;
  handle(payload: JobPayload<N>, meta: { jobId?: string; attempt: number }): Promise<void>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** Fails start-up unless every job name has exactly one handler. */
export function checkHandlers(names: readonly JobName[], handlers: JobHandler[]): Map<JobName, JobHandler> {
  const map = new Map<JobName, JobHandler>();
  for (const h of handlers) {
    if (map.has(h.name)) throw new Error(`Two handlers for job ${h.name}`);
    if (!names.includes(h.name)) throw new Error(`Handler for unknown job ${h.name}`);
    map.set(h.name, h);
  }
  const missing = names.filter((n) => !map.has(n));
  if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  return map;
}
