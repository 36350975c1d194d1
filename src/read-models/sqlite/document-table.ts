/**
 * One generation of a read model in SQLite, laid out as Marten lays documents out in PostgreSQL:
 * the document as JSON in one column, beside it a column for each field the queries filter and
 * sort on (copied from the document at every write), and the declared indexes over those columns.
 *
 * A field that crosses an array (`many`, e.g. every target's status) cannot be one column: its
 * values go to a side table `<table>__<field>` of (`_id`, `value`) rows, indexed on the value, which
 * queries join through `EXISTS`.
 */
import type Database from 'better-sqlite3';
import type { AnyProjection, FieldType, ProjectedDocument, QueryField } from '../../../projections/projection';
import { valueAt, valuesAt, type FieldValue } from '../document-fields';
import { InvalidDocumentError } from '../read-model.errors';

const SQL_TYPES: Record<FieldType, string> = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', boolean: 'INTEGER' };
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name we put in SQL text ourselves, quoted; only names declared in code ever get here. */
export function quoted(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not an SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** The side table holding a `many` field's values. */
export function sideTableName(table: string, field: string): string {
  return `${table}__${field}`;
}

/** How a field's value is bound in SQL: booleans as 0/1, as they are stored. */
export function sqlValue(value: FieldValue): string | number | null {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

export class DocumentTable {
  private readonly columns: Array<[string, QueryField]>;
  private readonly manyFields: Array<[string, QueryField]>;
  private readonly upsertStatement: Database.Statement;
  private readonly selectStatement: Database.Statement<[string], { document: string }>;
  private readonly sideStatements: Array<{ field: QueryField; remove: Database.Statement<[string]>; insert: Database.Statement<[string, unknown]> }>;

  private constructor(
    private readonly db: Database.Database,
    readonly table: string,
    private readonly projection: AnyProjection,
  ) {
    const fields = Object.entries(projection.fields);
    this.columns = fields.filter(([, field]) => !field.many);
    this.manyFields = fields.filter(([, field]) => field.many);
    const names = ['_id', 'lastPosition', 'document', ...this.columns.map(([name]) => name)].map(quoted);
    const updates = names.slice(1).map((name) => `${name} = excluded.${name}`);
    this.upsertStatement = db.prepare(
      `INSERT INTO ${quoted(table)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT ("_id") DO UPDATE SET ${updates.join(', ')}`,
    );
    this.selectStatement = db.prepare(`SELECT document FROM ${quoted(table)} WHERE "_id" = ?`);
    this.sideStatements = this.manyFields.map(([name, field]) => {
      const side = quoted(sideTableName(table, name));
      return {
        field,
        remove: db.prepare(`DELETE FROM ${side} WHERE "_id" = ?`),
        insert: db.prepare(`INSERT INTO ${side} ("_id", "value") VALUES (?, ?)`),
      };
    });
  }

  /** Creates the tables when they do not exist yet (no secondary index: see `createIndexes`). */
  static create(db: Database.Database, table: string, projection: AnyProjection): DocumentTable {
    const columns = Object.entries(projection.fields)
      .filter(([, field]) => !field.many)
      .map(([name, field]) => `${quoted(name)} ${SQL_TYPES[field.type]}`);
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${quoted(table)} ("_id" TEXT NOT NULL PRIMARY KEY, "lastPosition" INTEGER NOT NULL, "document" TEXT NOT NULL${columns.map((column) => `, ${column}`).join('')})`,
    );
    for (const [name, field] of Object.entries(projection.fields)) {
      if (!field.many) continue;
      const side = sideTableName(table, name);
      db.exec(`CREATE TABLE IF NOT EXISTS ${quoted(side)} ("_id" TEXT NOT NULL, "value" ${SQL_TYPES[field.type]})`);
      // A changed document replaces its values: found by `_id`, so this one is needed from the start.
      db.exec(`CREATE INDEX IF NOT EXISTS ${quoted(`${side}__id`)} ON ${quoted(side)} ("_id")`);
    }
    return new DocumentTable(db, table, projection);
  }

  /** The tables exist already (created by `create`, in this process or an earlier one). */
  static existing(db: Database.Database, table: string, projection: AnyProjection): DocumentTable {
    return new DocumentTable(db, table, projection);
  }

  /** The declared indexes, then the statistics the query planner chooses between them with. */
  createIndexes(): void {
    for (const index of this.projection.indexes) {
      const many = index.fields.filter((name) => this.projection.fields[name]?.many);
      // Indexes and tables share SQLite's namespace: `<table>__<name>` is already the side table of a
      // field of that name (`indicators`' index `status` over its field `status`).
      const name = quoted(`${this.table}__${index.name}__index`);
      if (many.length > 0) {
        if (index.fields.length > 1 || index.unique) throw new Error(`Index ${index.name}: a field across an array is indexed alone, and not as unique`);
        this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${quoted(sideTableName(this.table, many[0]))} ("value", "_id")`);
        continue;
      }
      this.db.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${quoted(this.table)} (${index.fields.map(quoted).join(', ')})`);
    }
    this.db.exec(`ANALYZE ${quoted(this.table)}`);
    for (const [field] of this.manyFields) this.db.exec(`ANALYZE ${quoted(sideTableName(this.table, field))}`);
  }

  load(id: string): ProjectedDocument | null {
    const row = this.selectStatement.get(id);
    return row ? (JSON.parse(row.document) as ProjectedDocument) : null;
  }

  /** Inserts or replaces the document by `_id`, with its field columns and side-table values. */
  write(document: ProjectedDocument): void {
    if (typeof document._id !== 'string') throw new InvalidDocumentError(this.projection.name, `_id must be a string, got ${typeof document._id}`);
    const values: unknown[] = [document._id, document.lastPosition, JSON.stringify(document)];
    for (const [, field] of this.columns) values.push(sqlValue(valueAt(document, field)));
    this.upsertStatement.run(values);
    for (const side of this.sideStatements) {
      side.remove.run(document._id);
      for (const value of new Set(valuesAt(document, side.field.path))) side.insert.run(document._id, sqlValue(value));
    }
  }
}
