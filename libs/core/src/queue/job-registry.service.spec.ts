import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { defineJob } from './job-definition.js';
import { JobHandler, type JobHandlerInstance } from './job-handler.decorator.js';
import { JobRegistry } from './job-registry.service.js';

const Twice = defineJob<{ n: number }>('test.twice');
const Orphan = defineJob<void>('test.orphan');
const Undeclared = { name: 'test.undeclared', defaults: { attempts: 1, backoffMs: 0 } };

@Injectable()
@JobHandler(Twice)
class FirstHandler implements JobHandlerInstance<{ n: number }> {
  async handle(p: { n: number }) {
    return p.n;
  }
}

@Injectable()
@JobHandler(Twice)
class SecondHandler implements JobHandlerInstance<{ n: number }> {
  async handle(p: { n: number }) {
    return -p.n;
  }
}

@Injectable()
@JobHandler(Undeclared)
class StrayHandler implements JobHandlerInstance {
  async handle() {}
}

@Injectable()
@JobHandler(Orphan)
class OrphanHandler implements JobHandlerInstance {
  async handle() {
    return 'ok';
  }
}

async function boot(providers: Array<new (...a: never[]) => unknown>) {
  const mod = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobRegistry, ...providers] }).compile();
  return mod.init();
}

describe('JobRegistry at boot', () => {
  it('refuses to start when a job has two handlers, none, or an undeclared name', async () => {
    await expect(boot([FirstHandler, SecondHandler, StrayHandler])).rejects.toThrow(
      /job "test\.twice" has 2 handlers: FirstHandler, SecondHandler[\s\S]*handles undeclared job "test\.undeclared"[\s\S]*job "test\.orphan" has no handler/,
    );
  });

  it('starts when every declared job has exactly one handler, and dispatches by name', async () => {
    const app = await boot([FirstHandler, OrphanHandler]);
    const registry = app.get(JobRegistry);
    const job = { jobId: '1', attempt: 1, maxAttempts: 1, progress: async () => {} };
    await expect(registry.dispatch('test.twice', { n: 7 }, job)).resolves.toBe(7);
    await expect(registry.dispatch('test.orphan', undefined, job)).resolves.toBe('ok');
    await app.close();
  });
});
