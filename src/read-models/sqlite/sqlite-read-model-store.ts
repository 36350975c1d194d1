/**
 * The embedded read-model store: one SQLite file (`DATA_DIR/read-models.db`) holding a table per
 * generation of each read model and the catalog of generations with their checkpoints, so a batch
 * of documents and the checkpoint it reaches are written in one transaction.
 *
 * Connection settings: WAL, and `synchronous = NORMAL` — unlike the event store's FULL. A power
 * loss may take the last commits back, but each commit's documents and checkpoint go back together,
 * and what they held is applied again from the ledger at the next start. Nothing acknowledged to a
 * client lives only here.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AnyProjection, ProjectedDocument } from '../../../projections/projection';
import { CheckpointBehindError, DuplicateKeyError, ReadModelStoreClosedError } from '../read-model.errors';
import { generationName, layoutOf, type Generation, type GenerationWrite, type ReadModelStore } from '../read-model-store.port';
import { DocumentTable, quoted } from './document-table';
import { SqliteWriteWatch } from '../../shared/sqlite-write-watch';
import { openingStore } from '../../shared/storage-fault';
import type { StorageFault } from '../../shared/storage-fault';

export interface SqliteReadModelStoreOptions {
  /** Path of the database file, or ':memory:'. */
  filename: string;
}

interface GenerationRow {
  read_model: string;
  generation: number;
  version: number;
  state: Generation['state'] | 'dropped';
  layout: string;
  position: number;
  indexed: number;
}

/** Pages kept in memory by the connection (negative: KiB): a rebuild touches each index page many times. */
const CACHE_KIB = 64 * 1024;

/** The connection settings of the read-model file (and of the rebuild benchmark's baseline, which must match them). */
export function configureReadModelConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma('busy_timeout = 5000');
}

export class SqliteReadModelStore implements ReadModelStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly tables = new Map<string, DocumentTable>();
  /** The serving generation of each read model, for queries; forgotten whenever the catalog changes here. */
  private serving: Map<string, Generation> | null = null;
  private closed = false;
  /** Storage faults (disk full, read-only, I/O errors) become StorageUnavailableError, and are remembered for /health. */
  private readonly writes: SqliteWriteWatch;

  constructor(options: SqliteReadModelStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = openingStore('readStore', options.filename, () => {
      const db = new Database(options.filename);
      try {
        configureReadModelConnection(db);
        createCatalog(db);
        return db;
      } catch (error) {
        db.close();
        throw error;
      }
    });
    this.writes = new SqliteWriteWatch(this.db, 'readStore', options.filename);
  }

  /** The connection, for the query interfaces of the read models in this file (src/read-models/<name>/sqlite-*.ts). */
  get database(): Database.Database {
    this.assertOpen();
    return this.db;
  }

  async generations(): Promise<Generation[]> {
    this.assertOpen();
    return this.generationRows();
  }

  /**
   * The generation that answers queries on a read model (null: none yet). Only this process writes
   * the file (one process per data directory), so the catalog it has read stays true until it
   * changes it itself.
   */
  servingGeneration(readModel: string): Generation | null {
    this.assertOpen();
    if (!this.serving) this.serving = new Map(this.generationRows().filter((g) => g.state === 'serving').map((g) => [g.readModel, g]));
    return this.serving.get(readModel) ?? null;
  }

  private generationRows(): Generation[] {
    const rows = this.db.prepare(`SELECT * FROM read_model_generations WHERE state <> 'dropped' ORDER BY read_model, generation`).all() as GenerationRow[];
    return rows.map(toGeneration);
  }

  async createGeneration(projection: AnyProjection, state: 'building' | 'serving'): Promise<Generation> {
    this.assertOpen();
    const create = this.db.transaction((): Generation => {
      const { last } = this.db.prepare(`SELECT COALESCE(MAX(generation), 0) AS last FROM read_model_generations WHERE read_model = ?`).get(projection.name) as { last: number };
      const generation: Generation = { readModel: projection.name, generation: last + 1, version: projection.version, state, layout: layoutOf(projection), position: 0, indexed: false };
      this.db
        .prepare(`INSERT INTO read_model_generations (read_model, generation, version, state, layout, position, indexed, created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?)`)
        .run(generation.readModel, generation.generation, generation.version, state, generation.layout, new Date().toISOString());
      this.tables.set(generationName(generation), DocumentTable.create(this.db, generationName(generation), projection));
      return generation;
    });
    this.serving = null;
    return this.writing(create);
  }

  async createIndexes(projection: AnyProjection, generation: Generation): Promise<Generation> {
    this.assertOpen();
    const table = this.table(projection, generation);
    try {
      this.db.transaction(() => {
        table.createIndexes();
        this.db.prepare(`UPDATE read_model_generations SET indexed = 1 WHERE read_model = ? AND generation = ?`).run(generation.readModel, generation.generation);
      })();
    } catch (error) {
      // Documents loaded without the indexes may already break a unique one.
      throw this.writes.failed(translate(error, [{ projection, generation }]));
    }
    return { ...generation, indexed: true };
  }

  async load(projection: AnyProjection, generation: Generation, ids: readonly string[]): Promise<Map<string, ProjectedDocument>> {
    this.assertOpen();
    const table = this.table(projection, generation);
    const found = new Map<string, ProjectedDocument>();
    for (const id of ids) {
      const document = table.load(id);
      if (document) found.set(id, document);
    }
    return found;
  }

  async commit(writes: readonly GenerationWrite[]): Promise<void> {
    this.assertOpen();
    const advance = this.db.prepare(`UPDATE read_model_generations SET position = ? WHERE read_model = ? AND generation = ? AND position <= ? AND state <> 'dropped'`);
    const transaction = this.db.transaction(() => {
      for (const write of writes) {
        // The checkpoint first: a generation dropped meanwhile has no table left to write to, and is
        // refused as MongoDB refuses it (CheckpointBehindError), not with "no such table".
        const { readModel, generation } = write.generation;
        if (advance.run(write.position, readModel, generation, write.position).changes !== 1) throw new CheckpointBehindError(generationName(write.generation), write.position);
        const table = this.table(write.projection, write.generation);
        for (const document of write.documents) table.write(document);
      }
    });
    try {
      transaction();
    } catch (error) {
      throw this.writes.failed(translate(error, writes));
    }
    this.writes.succeeded();
  }

  async activate(generation: Generation): Promise<void> {
    this.assertOpen();
    this.writing(this.db.transaction(() => {
      const now = new Date().toISOString();
      this.db.prepare(`UPDATE read_model_generations SET state = 'retired' WHERE read_model = ? AND state = 'serving'`).run(generation.readModel);
      this.db
        .prepare(`UPDATE read_model_generations SET state = 'serving', activated_at = ? WHERE read_model = ? AND generation = ?`)
        .run(now, generation.readModel, generation.generation);
    }));
    this.serving = null;
  }

  async documents(generation: Generation): Promise<ProjectedDocument[]> {
    this.assertOpen();
    const rows = this.db.prepare(`SELECT document FROM ${quoted(generationName(generation))} ORDER BY "_id"`).all() as Array<{ document: string }>;
    return rows.map((row) => JSON.parse(row.document) as ProjectedDocument);
  }

  async drop(generation: Generation): Promise<void> {
    this.assertOpen();
    const name = generationName(generation);
    this.writing(this.db.transaction(() => {
      // Its side tables too (`<name>__<field>`), whatever fields the version that built it declared.
      const tables = this.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND (name = ? OR substr(name, 1, ?) = ?)`)
        .all(name, name.length + 2, `${name}__`) as Array<{ name: string }>;
      for (const table of tables) this.db.exec(`DROP TABLE IF EXISTS ${quoted(table.name)}`);
      this.db.prepare(`UPDATE read_model_generations SET state = 'dropped' WHERE read_model = ? AND generation = ?`).run(generation.readModel, generation.generation);
    }));
    this.tables.delete(name);
    this.serving = null;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  storageFault(): StorageFault | null {
    return this.closed ? null : this.writes.currentFault();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private table(projection: AnyProjection, generation: Generation): DocumentTable {
    const name = generationName(generation);
    let table = this.tables.get(name);
    if (!table) this.tables.set(name, (table = DocumentTable.existing(this.db, name, projection)));
    return table;
  }

  /** Runs a write of the catalog or a generation's layout: a storage fault is typed and remembered, as in `commit`. */
  private writing<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      throw this.writes.failed(error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadModelStoreClosedError();
  }
}

/** The catalog of generations and their checkpoints. */
function createCatalog(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS read_model_generations (
      read_model TEXT NOT NULL,
      generation INTEGER NOT NULL,
      version INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('building', 'serving', 'retired', 'dropped')),
      layout TEXT NOT NULL,
      position INTEGER NOT NULL,
      indexed INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      activated_at TEXT,
      PRIMARY KEY (read_model, generation)
    )
  `);
}

function toGeneration(row: GenerationRow): Generation {
  return {
    readModel: row.read_model,
    generation: row.generation,
    version: row.version,
    state: row.state as Generation['state'],
    layout: row.layout,
    position: row.position,
    indexed: row.indexed === 1,
  };
}

/**
 * A unique index refusing a write is a projection defect worth naming, as MongoDB names it: the read
 * model and the declared index. SQLite names the columns (`UNIQUE constraint failed: t.a, t.b`), so
 * the index is the declared unique one over those fields. Anything else passes as it is.
 */
function translate(error: unknown, writes: ReadonlyArray<Pick<GenerationWrite, 'projection' | 'generation'>>): unknown {
  const { code, message: text } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return error;
  // Read by shape, not `instanceof Error`: better-sqlite3 keeps the SqliteError class of the first
  // module registry that loaded it, so under Jest the error may come from another realm.
  const message = typeof text === 'string' ? text : String(error);
  const columns = message.replace(/^UNIQUE constraint failed: /, '').split(', ');
  const table = columns[0].slice(0, columns[0].lastIndexOf('.'));
  const fields = columns.map((column) => column.slice(column.lastIndexOf('.') + 1));
  const write = writes.find((candidate) => generationName(candidate.generation) === table);
  const index = write?.projection.indexes.find((declared) => declared.unique && declared.fields.join() === fields.join());
  return new DuplicateKeyError(write?.projection.name ?? table, index?.name ?? fields.join(', '), message);
}
