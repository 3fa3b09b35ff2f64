/**
 * Rows into a SQLite table, one prepared INSERT run per row. Measured against multi-row INSERTs of
 * a few hundred rows: for 80-column rows those cost more (building and binding the long value
 * list), so the plain statement stays.
 */
import type Database from 'better-sqlite3';
import type { SqlValue } from '../../engine/sqlValues';

export function insertRows(db: Database.Database, table: string, width: number, rows: SqlValue[][]): void {
  if (rows.length === 0) return;
  const insert = db.prepare(`INSERT INTO ${table} VALUES (${Array(width).fill('?').join(', ')})`);
  for (const r of rows) insert.run(r);
}
