/**
 * What the SQLite query interfaces of the read models share: the serving table's name, and
 * statements prepared once per SQL text (a page of history is asked in a few shapes only).
 */
import type Database from 'better-sqlite3';
import type { AnyProjection, ProjectedDocument } from '../../../projections/projection';
import type { ReadModelAvailability } from '../read-model-availability';
import { servingName } from '../serving-generation';
import type { SqliteReadModelStore } from './sqlite-read-model-store';

/** Statements kept per query object; past this many (a long-running process swapping generations), the cache starts over. */
const MAX_STATEMENTS = 200;

export abstract class SqliteQueries<D extends ProjectedDocument> {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly store: SqliteReadModelStore,
    private readonly availability: ReadModelAvailability,
    private readonly projection: AnyProjection,
  ) {}

  /** The serving generation's table (quote it with `quoted` in SQL text). */
  protected tableName(): string {
    return servingName(this.projection, this.store.servingGeneration(this.projection.name), this.availability);
  }

  protected documents(sql: string, params: readonly unknown[]): D[] {
    const rows = this.statement(sql).all(...params) as Array<{ document: string }>;
    return rows.map((row) => JSON.parse(row.document) as D);
  }

  protected document(sql: string, params: readonly unknown[]): D | null {
    const row = this.statement(sql).get(...params) as { document: string } | undefined;
    return row ? (JSON.parse(row.document) as D) : null;
  }

  protected count(sql: string, params: readonly unknown[]): number {
    return (this.statement(sql).get(...params) as { total: number }).total;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      this.statements.set(sql, (statement = this.store.database.prepare(sql)));
    }
    return statement;
  }
}
