import { Worker } from 'node:worker_threads';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Database } from './schema.ts';

const THREAD = new URL('./reader.thread.mjs', import.meta.url);

/**
 * The reads connection of an embedded database file: Kysely over a connection on a thread of its
 * own. A query answered there costs the server thread only the rows it receives, however long the
 * query runs; on the server's connection a city-wide day of venue statistics (2 M scans) held
 * every entrance check for 2.4 s. Niced like the scan writer: a report waits for the checks, not
 * the other way round.
 */
export function readerKysely(file: string, nice = 10): Kysely<Database> {
  return new Kysely<Database>({ dialect: new ReaderDialect(file, nice) });
}

class ReaderDialect implements Dialect {
  constructor(
    private readonly file: string,
    private readonly nice: number,
  ) {}
  createDriver(): Driver {
    return new ReaderDriver(this.file, this.nice);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

type Waiting = { resolve: (r: QueryResult<unknown>) => void; reject: (e: Error) => void };

class ReaderDriver implements Driver {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private seq = 0;
  private readonly connection: DatabaseConnection;

  constructor(
    private readonly file: string,
    private readonly nice: number,
  ) {
    this.connection = {
      executeQuery: <R>(q: CompiledQuery) => this.run(q) as Promise<QueryResult<R>>,
      streamQuery: () => {
        throw new Error('the reader connection does not stream');
      },
    };
  }

  async init(): Promise<void> {
    // execArgv [] keeps the server's loader flags (tsx) out of the thread, as for the scan writer.
    const worker = new Worker(THREAD, { execArgv: [], workerData: { file: this.file, nice: this.nice } });
    worker.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new Error(`reader thread: ${m.error}`));
      else w?.resolve({ rows: m.rows ?? [] });
      if (this.waiting.size === 0) worker.unref();
    });
    const fail = (e: unknown) => {
      for (const w of this.waiting.values()) w.reject(e instanceof Error ? e : new Error(String(e)));
      this.waiting.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`reader thread exited (${code})`)));
    // Only a query in flight keeps the process alive (after the listener, which refs the port again).
    worker.unref();
    this.worker = worker;
  }

  private run(q: CompiledQuery): Promise<QueryResult<unknown>> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('reader thread stopped'));
    return new Promise((resolve, reject) => {
      const id = ++this.seq;
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, sql: q.sql, parameters: q.parameters });
    });
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('the reader connection has no transactions');
  }
  async commitTransaction(): Promise<void> {
    throw new Error('the reader connection has no transactions');
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error('the reader connection has no transactions');
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
