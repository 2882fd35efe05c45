import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { Firm } from '../database/entities/firm.entity.js';
import type { ActorType } from '../database/entities/audit-event.entity.js';
import { notFound } from '../http/problem.js';

export interface Actor {
  type: ActorType;
  id: string | null;
}

/**
 * Who is acting, for which firm, on which transaction. Every service method
 * takes it first; job handlers rebuild it from the `firmId` in their payload.
 */
export class RequestContext {
  constructor(
    readonly firm: Firm | null,
    readonly actor: Actor,
    readonly manager: EntityManager,
    readonly requestId: string | null = null,
    readonly ip: string | null = null,
  ) {}

  static system(manager: EntityManager, firm: Firm | null = null): RequestContext {
    return new RequestContext(firm, { type: 'system', id: null }, manager);
  }

  /** The firm's id; a request without a firm cannot reach firm data (404). */
  get firmId(): string {
    if (!this.firm) throw notFound('firm');
    return this.firm.id;
  }

  withManager(manager: EntityManager): RequestContext {
    return new RequestContext(this.firm, this.actor, manager, this.requestId, this.ip);
  }

  withFirm(firm: Firm): RequestContext {
    return new RequestContext(firm, this.actor, this.manager, this.requestId, this.ip);
  }

  withActor(actor: Actor): RequestContext {
    return new RequestContext(this.firm, actor, this.manager, this.requestId, this.ip);
  }

  /** Run `work` in one transaction; everything or nothing is written. */
  transaction<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    if (this.manager.queryRunner?.isTransactionActive) return work(this);
    return this.manager.transaction((m) => work(this.withManager(m)));
  }

  /** A repository that only ever sees this firm's rows. */
  scoped<T extends ObjectLiteral & { firmId: string }>(entity: EntityTarget<T>): TenantRepository<T> {
    return new TenantRepository(this.manager, entity, this.firmId);
  }
}

/** Repository whose every query is filtered by the firm, so a caller cannot forget. */
export class TenantRepository<T extends ObjectLiteral & { firmId: string }> {
  constructor(
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<T>,
    readonly firmId: string,
  ) {}

  private where(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, firmId: this.firmId } as FindOptionsWhere<T>;
  }

  find(where?: FindOptionsWhere<T>, order?: Record<string, 'ASC' | 'DESC'>): Promise<T[]> {
    return this.manager.find(this.entity, { where: this.where(where), order: order as never });
  }

  findOne(where: FindOptionsWhere<T>): Promise<T | null> {
    return this.manager.findOne(this.entity, { where: this.where(where) });
  }

  /** Another firm's row and a missing row look the same: 404. */
  async get(where: FindOptionsWhere<T>, what = 'resource'): Promise<T> {
    const row = await this.findOne(where);
    if (!row) throw notFound(what);
    return row;
  }

  count(where?: FindOptionsWhere<T>): Promise<number> {
    return this.manager.count(this.entity, { where: this.where(where) });
  }

  create(values: Omit<Partial<T>, 'firmId'>): T {
    return this.manager.create(this.entity, { ...values, firmId: this.firmId } as unknown as T);
  }

  save(row: T): Promise<T> {
    if (row.firmId !== this.firmId) throw notFound();
    // One row: no implicit transaction (callers that need one wrap it in ctx.transaction()).
    return this.manager.save(this.entity, row, { transaction: false });
  }
}
