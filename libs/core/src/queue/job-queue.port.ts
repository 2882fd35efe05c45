import type { JobRunContext } from './job-handler.decorator.js';

export type JobState = 'queued' | 'delayed' | 'active' | 'completed' | 'failed';

export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  progress: number;
  lastError: string | null;
  payload: unknown;
}

export interface EnqueueRequest {
  name: string;
  payload: unknown;
  attempts: number;
  backoffMs: number;
  delayMs: number;
}

/** Runs one job; throws to fail the attempt. */
export type JobDispatcher = (name: string, payload: unknown, job: JobRunContext) => Promise<unknown>;

/**
 * The queue seam. Business code never sees it: it enqueues through `JobQueue`
 * and handles with `@JobHandler`. Drivers: database (default) and Bull.
 */
export interface JobQueueDriver {
  readonly name: string;
  enqueue(request: EnqueueRequest): Promise<string>;
  get(id: string): Promise<JobInfo | null>;
  /** Start taking jobs; `concurrency` at once. */
  start(dispatch: JobDispatcher, concurrency: number): Promise<void>;
  /** Stop taking jobs and wait for the running ones (graceful shutdown). */
  stop(): Promise<void>;
  /** Throws when the backing service is unreachable. */
  ping(): Promise<void>;
}

export const JOB_QUEUE_DRIVER = Symbol.for('portico.JobQueueDriver');
