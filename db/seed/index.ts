/**
 * `npm run db:seed`: loads reference data, then the demo (fictional sellers,
 * products, accounts and counted sales, all marked as demo) unless it is
 * there already. `npm start` runs it, so a fresh machine serves a full demo.
 */
import { openDatabase } from "../client";
import { hasDemoData, refreshDemoPhotos, seedDemo, seedReference } from "./seed";

const file = process.env.DATABASE_PATH ?? "data/app.db";
const database = openDatabase(file);
seedReference(database);
if (hasDemoData(database)) {
  const photos = refreshDemoPhotos(database);
  console.log(
    `${file}: reference data up to date; demo data already present` +
      (photos > 0 ? ` (${photos} demo photo addresses updated)` : ""),
  );
} else if (process.env.SEED_DEMO === "false") {
  console.log(`${file}: reference data up to date; demo skipped (SEED_DEMO=false)`);
} else {
  seedDemo(database);
  console.log(`${file}: reference and demo data loaded`);
}
database.sqlite.close();
