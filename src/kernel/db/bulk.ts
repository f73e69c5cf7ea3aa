import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './client.ts';

/**
 * Insert many rows in one statement with one parameter: the rows travel as a JSON array and
 * Postgres unpacks them (`jsonb_to_recordset`). Built for imports, where building a multi-row
 * INSERT value by value costs more than the database work. Rows are keyed by the table's
 * property names, as for Drizzle's insert; columns a row leaves out take their defaults only
 * if no row sets them (give every row the same keys).
 */
export async function bulkInsert<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: Array<T['$inferInsert']>,
  chunkSize = 5000,
): Promise<void> {
  if (!rows.length) return;
  const { name, columns } = getTableConfig(table);
  const byKey = Object.entries(table as unknown as Record<string, { name?: string }>);
  const keys = Object.keys(rows[0] as object);
  const used = keys.map((key) => {
    const column = columns.find((c) => c === (byKey.find(([k]) => k === key)?.[1] as unknown));
    if (!column) throw new Error(`bulkInsert: ${name} has no column for ${key}`);
    return { key, column: column.name, type: column.getSQLType() };
  });
  const names = sql.raw(used.map((u) => `"${u.column}"`).join(', '));
  const record = sql.raw(used.map((u) => `"${u.column}" ${u.type}`).join(', '));
  for (let i = 0; i < rows.length; i += chunkSize) {
    const json = rows.slice(i, i + chunkSize).map((row) =>
      Object.fromEntries(
        used.map((u) => {
          const value = (row as Record<string, unknown>)[u.key];
          return [u.column, value instanceof Date ? value.toISOString() : (value ?? null)];
        }),
      ),
    );
    await tx.execute(
      sql`insert into ${sql.raw(`"${name}"`)} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as x(${record})`,
    );
  }
}
