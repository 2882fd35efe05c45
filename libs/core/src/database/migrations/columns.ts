import { Table, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Portable column helpers: the same definitions create the schema on SQLite and MySQL/MariaDB.
export const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
export const fk = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
export const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
export const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
export const int = (name: string, dflt = 0, nullable = false): TableColumnOptions => ({ name, type: 'int', default: dflt, isNullable: nullable });
export const bool = (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: dflt ? 1 : 0 });
export const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
export const created = (name = 'created_at'): TableColumnOptions => ({ name, type: 'datetime', precision: 3, default: 'CURRENT_TIMESTAMP(3)' });

/** `createTable` with the helpers' defaults made portable (SQLite has no CURRENT_TIMESTAMP(3)). */
export function tableMaker(q: QueryRunner) {
  const sqlite = q.connection.options.type === 'better-sqlite3';
  const withNow = (c: TableColumnOptions): TableColumnOptions =>
    sqlite && c.default === 'CURRENT_TIMESTAMP(3)' ? { ...c, default: "(strftime('%Y-%m-%d %H:%M:%f','now'))" } : c;
  return (name: string, columns: TableColumnOptions[], extra: Partial<ConstructorParameters<typeof Table>[0]> = {}) =>
    q.createTable(new Table({ name, columns: columns.map(withNow), ...extra }));
}
