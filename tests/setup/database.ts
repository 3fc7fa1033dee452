import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type OpenDatabase } from "../../db/client";
import { seedDemo, seedReference } from "../../db/seed/seed";

/** The instant demo data is dated from in tests, so results do not move with the clock. */
export const SEED_NOW = new Date("2026-06-15T04:00:00Z");
export const SEED_TODAY = "2026-06-15";

/**
 * A new migrated SQLite file, with reference data and (by default) the demo.
 * The demo's year of ledger entries takes seconds, so only tests that read
 * counted figures ask for it.
 */
export function freshDatabase(
  options: { demo?: boolean; ledger?: boolean; file?: string } = {},
): OpenDatabase {
  const file = options.file ?? join(mkdtempSync(join(tmpdir(), "fdx-db-")), "test.db");
  const database = openDatabase(file);
  seedReference(database, SEED_NOW);
  if (options.demo ?? true) seedDemo(database, SEED_NOW, { ledger: options.ledger ?? false });
  return database;
}
