import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;
export interface OpenDatabase {
  db: Db;
  sqlite: Database.Database;
}

/** Where the migrations live; the server runs from the project root. */
export const MIGRATIONS_DIR = resolve(process.cwd(), "db/migrations");

/**
 * Opens (creating if missing) the SQLite file and brings its schema up to date.
 * WAL lets readers run beside the one writer; synchronous=FULL makes every
 * committed transaction durable across a power cut, which a ledger of public
 * money needs; the busy timeout makes writers queue instead of failing.
 */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): OpenDatabase {
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  if (options.migrate ?? true) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return { db, sqlite };
}

/** A transaction handle; functions that may run inside one take `DbLike`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbLike = Db | Tx;

/**
 * The better-sqlite3 connection under a drizzle database or transaction, for
 * hot paths that use prepared statements directly (the ledger's append) and
 * for code written against better-sqlite3 (the search index).
 */
export function clientOf(db: DbLike): Database.Database {
  return (db as unknown as { session: { client: Database.Database } }).session.client;
}
