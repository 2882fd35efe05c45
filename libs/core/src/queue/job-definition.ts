/** Retry policy of a job; delivery is at least once, so handlers are idempotent. */
export interface JobOptions {
  /** Total tries including the first (default 5). */
  attempts?: number;
  /** Base delay before a retry, doubled each time (default 2000 ms). */
  backoffMs?: number;
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
}

/** A declared job: its name, payload type and default retry policy. */
export interface JobDefinition<P> {
  readonly name: string;
  readonly defaults: Required<Omit<JobOptions, 'delayMs'>>;
  /** Phantom field carrying the payload type. */
  readonly __payload?: P;
}

const declared = new Map<string, JobDefinition<unknown>>();

/**
 * Declare a job. Every declared job must have exactly one `@JobHandler` in the
 * application, or the boot fails.
 */
export function defineJob<P>(name: string, defaults: JobOptions = {}): JobDefinition<P> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(name)) {
    throw new Error(`job name "${name}" must be dotted lower-case, e.g. "mail.send"`);
  }
  const def: JobDefinition<P> = {
    name,
    defaults: { attempts: defaults.attempts ?? 5, backoffMs: defaults.backoffMs ?? 2000 },
  };
  declared.set(name, def as JobDefinition<unknown>);
  return def;
}

export function declaredJobs(): ReadonlyMap<string, JobDefinition<unknown>> {
  return declared;
}

/** Delay before retry number `attempt` (1-based count of failures so far). */
export function backoffDelay(baseMs: number, failures: number): number {
  return baseMs * 2 ** Math.max(0, failures - 1);
}
