/**
 * A second process that keeps counting into the ledger (one transaction per
 * entry, as the app does) for the given milliseconds, so a backup can be
 * taken while the database is being written. Prints "started" after its first
 * entry and the number of entries it appended at the end.
 */
import { eq } from "drizzle-orm";
import { appendEntry } from "../../app/models/ledger.server";
import { openDatabase } from "../../db/client";
import { organisations } from "../../db/schema";

const [file, ms] = process.argv.slice(2);
const { db, sqlite } = openDatabase(file!, { migrate: false });
const seller = db.select().from(organisations).where(eq(organisations.side, "seller")).get()!;
const until = Date.now() + Number(ms);
let appended = 0;
while (Date.now() < until) {
  db.transaction((tx) =>
    appendEntry(tx, {
      countedAt: new Date("2026-03-01T02:00:00Z"),
      amountFen: 10_000 + appended,
      sourceKind: "outside_record",
      sourceRef: `writer:${process.pid}:${appended}`,
      buyer: {
        orgId: null,
        name: "测试食堂",
        type: "budget_unit",
        jurisdictionCode: "350102",
        parentOrgId: null,
      },
      countyCode: "621126",
      seller: { orgId: seller.id, name: seller.nameZh },
      kind: "purchase",
      channel: "offline",
      certified: true,
      invoiceNumber: null,
      evidenceRef: null,
      // Two different people stand behind a counted entry (ids need no user row).
      recordedBy: 1,
      verifiedBy: 2,
    }),
  );
  appended += 1;
  if (appended === 1) process.stdout.write("started\n");
}
sqlite.close();
process.stdout.write(`${appended}\n`);
