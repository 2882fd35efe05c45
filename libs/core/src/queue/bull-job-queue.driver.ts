import { Logger } from '@nestjs/common';
import type { Job as BullJob, Queue } from 'bull';
import type { EnqueueRequest, JobDispatcher, JobInfo, JobQueueDriver, JobState } from './job-queue.port.js';

/**
 * Bull on Redis (QUEUE_DRIVER=bull): one queue, jobs named after their
 * definition, retries with exponential backoff, failed jobs kept with their error.
 */
export class BullJobQueueDriver implements JobQueueDriver {
  readonly name = 'bull';
  private readonly logger = new Logger('BullJobQueue');
  private started = false;

  constructor(private readonly queue: Queue) {}

  async enqueue(r: EnqueueRequest): Promise<string> {
    const job = await this.queue.add(r.name, r.payload ?? null, {
      attempts: r.attempts,
      backoff: { type: 'exponential', delay: r.backoffMs },
      delay: r.delayMs || undefined,
      removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
      removeOnFail: false,
    });
    return String(job.id);
  }

  async get(id: string): Promise<JobInfo | null> {
    const job = await this.queue.getJob(id);
    if (!job) return null;
    const raw = await job.getState();
    const state: JobState = raw === 'waiting' || raw === 'paused' || raw === 'stuck' ? 'queued' : (raw as JobState);
    return {
      id: String(job.id),
      name: job.name,
      state,
      // Bull counts failed attempts only; a running or completed job is on one more.
      attempts: job.attemptsMade + (state === 'active' || state === 'completed' ? 1 : 0),
      maxAttempts: job.opts.attempts ?? 1,
      progress: Number(job.progress()) || 0,
      lastError: job.failedReason ?? null,
      payload: job.data,
    };
  }

  async start(dispatch: JobDispatcher, concurrency: number): Promise<void> {
    if (this.started) return;
    this.started = true;
    void this.queue.process('*', concurrency, (job: BullJob) =>
      dispatch(job.name, job.data, {
        jobId: String(job.id),
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        progress: async (p) => {
          await job.progress(Math.max(0, Math.min(100, Math.round(p))));
        },
      }),
    );
    this.queue.on('failed', (job, err) =>
      this.logger.warn({ job: job.name, jobId: job.id, attempt: job.attemptsMade, error: err.message }, 'job attempt failed'),
    );
  }

  async stop(): Promise<void> {
    // Waits for active jobs of this process, takes no new ones.
    if (this.started) await this.queue.pause(true, false);
    await this.queue.close();
  }

  async ping(): Promise<void> {
    const client = this.queue.client;
    const pong = await client.ping();
    if (pong !== 'PONG') throw new Error(`redis answered ${pong}`);
  }
}
