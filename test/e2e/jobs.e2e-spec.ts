import { Injectable, Module } from '@nestjs/common';
import { JobHandler, JobQueue, defineJob, type JobHandlerInstance, type JobRunContext } from '@portico/core';
import { createTestEnvironment, eventually, type TestEnvironment } from '@portico/testing';

const Flaky = defineJob<{ key: string }>('test.flaky', { attempts: 4, backoffMs: 200 });
const Doomed = defineJob<{ reason: string }>('test.doomed', { attempts: 2, backoffMs: 100 });
const Slow = defineJob<{ key: string }>('test.slow', { attempts: 1 });

const attempts = new Map<string, number[]>();
const finished = new Set<string>();
const gates = new Map<string, () => void>();

@Injectable()
@JobHandler(Flaky)
class FlakyHandler implements JobHandlerInstance<{ key: string }> {
  async handle({ key }: { key: string }, job: JobRunContext) {
    attempts.set(key, [...(attempts.get(key) ?? []), Date.now()]);
    if (job.attempt < 3) throw new Error(`transient failure on attempt ${job.attempt}`);
    return { succeededOn: job.attempt };
  }
}

@Injectable()
@JobHandler(Doomed)
class DoomedHandler implements JobHandlerInstance<{ reason: string }> {
  async handle({ reason }: { reason: string }): Promise<never> {
    throw new Error(reason);
  }
}

@Injectable()
@JobHandler(Slow)
class SlowHandler implements JobHandlerInstance<{ key: string }> {
  async handle({ key }: { key: string }, job: JobRunContext) {
    await job.progress(40);
    await new Promise<void>((resolve) => gates.set(key, resolve));
    await job.progress(90);
    finished.add(key);
  }
}

@Module({ providers: [FlakyHandler, DoomedHandler, SlowHandler] })
class TestJobsModule {}

describe('job queue (the configured driver: database, or Bull on Redis)', () => {
  let env: TestEnvironment;
  let jobs: JobQueue;
  beforeAll(async () => {
    env = await createTestEnvironment({}, { imports: [TestJobsModule] });
    jobs = env.app.get(JobQueue);
  });
  afterAll(() => env.close());

  it('retries a failing job with growing delays until it succeeds', async () => {
    const id = await jobs.enqueue(Flaky, { key: 'a' });
    const info = await eventually(async () => {
      const j = await jobs.get(id);
      expect(j?.state).toBe('completed');
      return j!;
    }, 20_000);
    expect(info.attempts).toBe(3);
    const times = attempts.get('a')!;
    expect(times).toHaveLength(3);
    // Exponential backoff: ≥200 ms before the 2nd try, ≥400 ms before the 3rd.
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(180);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(380);
  });

  it('keeps a job that used all its attempts as failed, with its error', async () => {
    const id = await jobs.enqueue(Doomed, { reason: 'the legacy portal refused the credentials' });
    const info = await eventually(async () => {
      const j = await jobs.get(id);
      // Bull's state and attempt count are read in two steps: wait for both to settle.
      expect(j).toMatchObject({ state: 'failed', attempts: 2 });
      return j!;
    }, 20_000);
    expect(info.lastError).toContain('the legacy portal refused the credentials');
    expect(info.payload).toEqual({ reason: 'the legacy portal refused the credentials' });
  });

  it('reports progress while a job runs', async () => {
    const id = await jobs.enqueue(Slow, { key: 'p' });
    await eventually(async () => {
      const j = await jobs.get(id);
      expect(j).toMatchObject({ state: 'active', progress: 40 });
    });
    gates.get('p')!();
    await eventually(async () => expect((await jobs.get(id))?.state).toBe('completed'));
  });

  it('delays a job until its time', async () => {
    const id = await jobs.enqueue(Flaky, { key: 'late' }, { delayMs: 1500, attempts: 1 });
    expect((await jobs.get(id))?.state).toBe('delayed');
  });
});

describe('graceful shutdown', () => {
  it('waits for the running job before the application closes', async () => {
    const env = await createTestEnvironment({}, { imports: [TestJobsModule] });
    const jobs = env.app.get(JobQueue);
    const id = await jobs.enqueue(Slow, { key: 'drain' });
    await eventually(async () => expect((await jobs.get(id))?.state).toBe('active'));

    let closed = false;
    const closing = env.stopApp().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(closed).toBe(false); // still draining: the job holds the shutdown

    gates.get('drain')!();
    await closing;
    expect(finished.has('drain')).toBe(true);
    await env.close();
  });
});
