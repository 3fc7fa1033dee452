/**
 * `npm run bench:import`: how long checking and importing a CSV of 100,000
 * outside sales takes on a scratch database (the aim: seconds, not minutes),
 * and how long verifying that batch into the ledger takes.
 */
import { eq } from "drizzle-orm";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkImport, IMPORT_COLUMNS } from "../../app/domain/record-import";
import { importRecords, verifyBatch } from "../../app/models/records.server";
import { openDatabase } from "../../db/client";
import { organisations, users } from "../../db/schema";
import { seedDemo, seedReference } from "../../db/seed/seed";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const database = openDatabase(join(mkdtempSync(join(tmpdir(), "fdx-import-")), "bench.db"));
seedReference(database);
seedDemo(database, new Date(), { ledger: false });
const { db, sqlite } = database;

const sellers = db.select().from(organisations).where(eq(organisations.side, "seller")).all();
const places = sqlite.prepare("select code from jurisdictions").pluck().all() as string[];
const header = IMPORT_COLUMNS.map(([zh]) => zh).join(",");
const lines = [header];
for (let i = 0; i < ROWS; i++) {
  const seller = sellers[i % sellers.length]!;
  lines.push(
    `福州某单位${i % 97},预算单位,${places[i % places.length]},${seller.creditCode},${seller.countyCode},当归,${(100 + (i % 900)).toFixed(2)},2026-01-15,采购,线下,是,BENCH-${i},`,
  );
}
const text = lines.join("\r\n");
console.log(`CSV: ${ROWS} rows, ${(text.length / 1024 / 1024).toFixed(1)} MB`);

const lookups = {
  sellerByCreditCode: new Map(sellers.map((s) => [s.creditCode, { id: s.id, name: s.nameZh }])),
  jurisdictionCodes: new Set(places),
  countyCodes: new Set(
    sqlite.prepare("select code from origin_counties").pluck().all() as string[],
  ),
  today: "2099-12-31",
};
let t = performance.now();
const checked = checkImport(text, lookups);
console.log(
  `check: ${((performance.now() - t) / 1000).toFixed(2)} s, ${checked.problems.length} problems`,
);

const userId = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!.id;
t = performance.now();
const count = importRecords(db, {
  rows: checked.rows,
  batch: "00000000-0000-0000-0000-000000000001",
  sha256: "bench",
  actor: { userId: userId("office@example.com"), orgId: null, ip: "" },
});
console.log(
  `import (one transaction): ${count} records in ${((performance.now() - t) / 1000).toFixed(2)} s`,
);

t = performance.now();
const verified = verifyBatch(db, {
  batch: "00000000-0000-0000-0000-000000000001",
  actor: { userId: userId("verifier@example.com"), orgId: null, ip: "" },
});
const seconds = (performance.now() - t) / 1000;
console.log(
  `verify the batch into the ledger: ${JSON.stringify(verified)} in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)} entries/s)`,
);
sqlite.close();
