import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import type { JobName, JobPayload } from './job-names';

/** One handler per job name. A handler must be idempotent: run twice, the world changes once. */
export interface JobHandler<N extends JobName = JobName> {
  readonly name: N;
  handle(payload: JobPayload<N>, meta: { jobId?: string; attempt: number }): Promise<void>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/**
 * What a feature gives the worker: its job handlers (`modules/<feature>/jobs/<name>.job.ts`), the providers they
 * need besides the core ones, and the feature modules to import. Each feature exports one of these from
 * `modules/<feature>/jobs/<feature>.jobs.ts`; the worker collects them (worker/worker.module.ts).
 */
export type FeatureJobs = {
  handlers: Type<JobHandler>[];
  providers?: Provider[];
  imports?: (Type<unknown> | DynamicModule | ForwardReference)[];
};

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
