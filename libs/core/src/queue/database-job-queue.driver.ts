import { Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import { Job } from '../database/entities/job.entity.js';
import { backoffDelay } from './job-definition.js';
import type { EnqueueRequest, JobDispatcher, JobInfo, JobQueueDriver } from './job-queue.port.js';

const LEASE_MS = 5 * 60_000;

/**
 * The embedded queue: a `job` table polled by every consuming process. A job is
 * claimed by a conditional UPDATE (only one process sees `affected = 1`) and
 * leased; a lease that runs out (the process died) puts the job back.
 */
export class DatabaseJobQueueDriver implements JobQueueDriver {
  readonly name = 'database';
  private readonly logger = new Logger('DatabaseJobQueue');
  private readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running = new Set<Promise<void>>();
  private stopping = false;
  private dispatch: JobDispatcher | null = null;
  private concurrency = 1;
  private polling = false;

  constructor(
    private readonly db: DataSource,
    private readonly pollIntervalMs: number,
  ) {}

  async enqueue(r: EnqueueRequest): Promise<string> {
    const job = this.db.getRepository(Job).create({
      name: r.name,
      payload: JSON.stringify(r.payload ?? null),
      status: 'queued',
      attempts: 0,
      maxAttempts: r.attempts,
      backoffMs: r.backoffMs,
      runAt: new Date(Date.now() + r.delayMs),
      progress: 0,
    });
    await this.db.getRepository(Job).insert(job);
    this.kick();
    return job.id;
  }

  async get(id: string): Promise<JobInfo | null> {
    const j = await this.db.getRepository(Job).findOne({ where: { id } });
    if (!j) return null;
    const delayed = j.status === 'queued' && j.runAt.getTime() > Date.now();
    return {
      id: j.id,
      name: j.name,
      state: delayed ? 'delayed' : j.status,
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
      progress: j.progress,
      lastError: j.lastError,
      payload: JSON.parse(j.payload),
    };
  }

  async start(dispatch: JobDispatcher, concurrency: number): Promise<void> {
    this.dispatch = dispatch;
    this.concurrency = concurrency;
    this.stopping = false;
    this.timer = setInterval(() => this.kick(), this.pollIntervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  private kick(): void {
    if (!this.dispatch || this.stopping || this.polling) return;
    this.polling = true;
    this.poll()
      .catch((err) => this.logger.error({ err }, 'job poll failed'))
      .finally(() => (this.polling = false));
  }

  private async poll(): Promise<void> {
    await this.recoverExpiredLeases();
    while (!this.stopping && this.running.size < this.concurrency) {
      const job = await this.claim();
      if (!job) return;
      const run = this.run(job).finally(() => {
        this.running.delete(run);
        this.kick();
      });
      this.running.add(run);
    }
  }

  private async claim(): Promise<Job | null> {
    const repo = this.db.getRepository(Job);
    const candidates = await repo.find({
      where: { status: 'queued', runAt: LessThanOrEqual(new Date()) },
      order: { runAt: 'ASC' },
      take: 5,
    });
    for (const c of candidates) {
      const res = await repo.update(
        { id: c.id, status: 'queued' },
        { status: 'active', lockedBy: this.worker, lockedUntil: new Date(Date.now() + LEASE_MS), attempts: c.attempts + 1 },
      );
      if (res.affected === 1) return { ...c, attempts: c.attempts + 1, status: 'active' };
    }
    return null;
  }

  private async run(job: Job): Promise<void> {
    const repo = this.db.getRepository(Job);
    try {
      const result = await this.dispatch!(job.name, JSON.parse(job.payload), {
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        progress: async (p) => {
          // Reporting progress also renews the lease of a long job.
          await repo.update({ id: job.id }, { progress: Math.max(0, Math.min(100, Math.round(p))), lockedUntil: new Date(Date.now() + LEASE_MS) });
        },
      });
      await repo.update(
        { id: job.id },
        { status: 'completed', progress: 100, result: result === undefined ? null : JSON.stringify(result), finishedAt: new Date(), lockedBy: null, lockedUntil: null },
      );
    } catch (e) {
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const final = job.attempts >= job.maxAttempts;
      this.logger.warn({ job: job.name, jobId: job.id, attempt: job.attempts, final, error }, 'job attempt failed');
      await repo.update(
        { id: job.id },
        final
          ? { status: 'failed', lastError: error, finishedAt: new Date(), lockedBy: null, lockedUntil: null }
          : { status: 'queued', lastError: error, runAt: new Date(Date.now() + backoffDelay(job.backoffMs, job.attempts)), lockedBy: null, lockedUntil: null },
      );
    }
  }

  private async recoverExpiredLeases(): Promise<void> {
    const repo = this.db.getRepository(Job);
    const expired = await repo.find({ where: { status: 'active', lockedUntil: LessThanOrEqual(new Date()) }, take: 50 });
    if (!expired.length) return;
    // A job whose worker died on its last try is failed, not retried for ever.
    const spent = expired.filter((j) => j.attempts >= j.maxAttempts).map((j) => j.id);
    const retry = expired.filter((j) => j.attempts < j.maxAttempts).map((j) => j.id);
    const lastError = 'lease expired: the worker stopped mid-job';
    if (spent.length) await repo.update({ id: In(spent), status: 'active' }, { status: 'failed', lockedBy: null, lockedUntil: null, lastError, finishedAt: new Date() });
    if (retry.length) await repo.update({ id: In(retry), status: 'active' }, { status: 'queued', lockedBy: null, lockedUntil: null, lastError });
  }
}
