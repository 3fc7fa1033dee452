/**
 * `npm run db:seed [-- --if-empty]`: loads reference data, then the demo
 * (fictional cooperatives and products, marked as demo) unless it is there.
 * `npm start` runs it with --if-empty so a fresh machine serves a full demo.
 */
import { openDatabase } from "../client";
import { hasDemoData, seedDemo, seedReference } from "./seed";

const file = process.env.DATABASE_PATH ?? "data/app.db";
const database = openDatabase(file);
seedReference(database);
if (hasDemoData(database)) {
  console.log(`${file}: reference data up to date; demo data already present`);
} else if (process.env.SEED_DEMO === "false") {
  console.log(`${file}: reference data up to date; demo skipped (SEED_DEMO=false)`);
} else {
  seedDemo(database);
  console.log(`${file}: reference and demo data loaded`);
}
database.sqlite.close();
