import { Journal } from './journal.js';
import { WireServer } from './server.js';
import { Store } from './store.js';

export interface MongoEmulatorOptions {
  /** 0 = random free port (default). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Directory for the journal and snapshot; undefined keeps everything in memory. */
  dataDir?: string;
  /** Default 'rs0'. */
  replSetName?: string;
  logger?: (msg: string) => void;
  /** fsync the journal after every write (survives power loss, slower). Default false. */
  fsync?: boolean;
}

export interface MongoEmulator {
  /** e.g. mongodb://127.0.0.1:PORT/?replicaSet=rs0 — pass `dbName` to mongoose/driver. */
  uri: string;
  port: number;
  host: string;
  /** Stops listening, destroys sockets, flushes and closes the journal. */
  close(): Promise<void>;
}

export async function startMongoEmulator(opts: MongoEmulatorOptions = {}): Promise<MongoEmulator> {
  const logger = opts.logger ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const replSetName = opts.replSetName ?? 'rs0';
  const store = new Store();
  const journal = opts.dataDir ? Journal.open(opts.dataDir, store, { fsync: opts.fsync ?? false }, logger) : undefined;
  const server = new WireServer({ store, journal, replSetName, logger });
  let port: number;
  try {
    port = await server.listen(opts.port ?? 0, host);
  } catch (err) {
    journal?.close();
    throw err;
  }
  const uri = `mongodb://${server.address}/?replicaSet=${encodeURIComponent(replSetName)}`;
  logger(`mongo-emulator listening on ${server.address}${opts.dataDir ? ` (data: ${opts.dataDir})` : ' (in memory)'}`);
  let closing: Promise<void> | undefined;
  return {
    uri,
    port,
    host,
    close() {
      closing ??= server.close().finally(() => journal?.close());
      return closing;
    },
  };
}

/** `uri` with a database name in the path, for clients that take the db from the URI. */
export function uriForDatabase(emulator: Pick<MongoEmulator, 'uri'>, dbName: string): string {
  return emulator.uri.replace(/\/\?/, `/${encodeURIComponent(dbName)}?`);
}
