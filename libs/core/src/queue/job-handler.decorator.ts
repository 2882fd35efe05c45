import { SetMetadata } from '@nestjs/common';
import type { JobDefinition } from './job-definition.js';

export const JOB_HANDLER = 'portico:job-handler';

/** What a running handler can do besides reading its payload. */
export interface JobRunContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** Tries allowed in all; `attempt === maxAttempts` is the last one. */
  maxAttempts: number;
  /** Report progress from 0 to 100 (shown to people waiting for the job). */
  progress(percent: number): Promise<void>;
}

/** A provider that runs one kind of job. */
export interface JobHandlerInstance<P = unknown> {
  handle(payload: P, job: JobRunContext): Promise<unknown>;
}

/** Mark a provider as the handler of `job`; discovered at boot. */
export const JobHandler = (job: JobDefinition<unknown>) => SetMetadata(JOB_HANDLER, job.name);
