import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_HANDLER, type JobHandlerInstance, type JobRunContext } from './job-handler.decorator.js';
import { declaredJobs } from './job-definition.js';

/** Finds every `@JobHandler` at boot and refuses to start on a gap or a clash. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandlerInstance>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobHandlerInstance | undefined;
      if (!instance || !wrapper.metatype) continue;
      const name = Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) as string | undefined;
      if (!name) continue;
      if (typeof instance.handle !== 'function') problems.push(`${wrapper.name} is a @JobHandler('${name}') without a handle() method`);
      found.set(name, [...(found.get(name) ?? []), String(wrapper.name)]);
      this.handlers.set(name, instance);
    }
    for (const [name, owners] of found) {
      if (owners.length > 1) problems.push(`job "${name}" has ${owners.length} handlers: ${owners.join(', ')}`);
      if (!declaredJobs().has(name)) problems.push(`handler ${owners.join(', ')} handles undeclared job "${name}"`);
    }
    for (const name of declaredJobs().keys()) {
      if (!found.has(name)) problems.push(`job "${name}" has no handler`);
    }
    if (problems.length) throw new Error('Job handlers are inconsistent:\n  - ' + problems.join('\n  - '));
    this.logger.log(`${this.handlers.size} job handlers: ${[...this.handlers.keys()].sort().join(', ')}`);
  }

  dispatch = async (name: string, payload: unknown, job: JobRunContext): Promise<unknown> => {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for job "${name}"`);
    return handler.handle(payload, job);
  };
}
