import type Database from "better-sqlite3";

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per connection: our queries have few
 * shapes, and re-preparing on every request costs more than running them.
 */
export function statement(sqlite: Database.Database, text: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let prepared = cache.get(text);
  if (!prepared) {
    prepared = sqlite.prepare(text);
    cache.set(text, prepared);
  }
  return prepared;
}
