import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Deployment-wide key/value state (setup token hash, scheduler heartbeat, …). */
@Entity('platform_setting')
export class PlatformSetting {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  key: string;

  @Column({ type: 'text' })
  value: string;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
