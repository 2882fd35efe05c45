import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PlatformSetting } from '../database/entities/platform-setting.entity.js';

/** Deployment-wide key/value state kept in the database (never in a process). */
@Injectable()
export class PlatformSettings {
  constructor(private readonly db: DataSource) {}

  async get(key: string, manager: EntityManager = this.db.manager): Promise<string | null> {
    const row = await manager.getRepository(PlatformSetting).findOne({ where: { key } });
    return row?.value ?? null;
  }

  async set(key: string, value: string, manager: EntityManager = this.db.manager): Promise<void> {
    const repo = manager.getRepository(PlatformSetting);
    const res = await repo.update({ key }, { value });
    if (!res.affected) await repo.insert({ key, value });
  }

  async delete(key: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.getRepository(PlatformSetting).delete({ key });
  }
}
