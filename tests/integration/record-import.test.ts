import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { checkImport, IMPORT_COLUMNS } from "~/domain/record-import";
import { verifyLedger, yearProgress } from "~/models/ledger.server";
import { importRecords, verifyBatch } from "~/models/records.server";
import { organisations, outsideRecords, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

const { db, sqlite } = freshDatabase();
afterAll(() => sqlite.close());

const header = IMPORT_COLUMNS.map(([zh]) => zh).join(",");
const seller = () => db.select().from(organisations).where(eq(organisations.side, "seller")).get()!;
const userId = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!.id;
const lookups = () => ({
  sellerByCreditCode: new Map([[seller().creditCode, { id: seller().id, name: seller().nameZh }]]),
  jurisdictionCodes: new Set(["350102", "350103"]),
  countyCodes: new Set(["621126", "621102"]),
  today: "2030-01-01",
});
const csv = (invoices: string[]) =>
  `${header}\n${invoices
    .map(
      (inv) =>
        `某食堂,预算单位,350102,${seller().creditCode},621126,当归,100.00,2026-01-15,采购,线下,是,${inv},`,
    )
    .join("\n")}\n`;

describe("importing and verifying a batch", () => {
  it("saves all rows as pending, once per batch, and counts them when another person verifies", () => {
    const { rows, problems } = checkImport(csv(["A1", "A2", "A3"]), lookups());
    expect(problems).toEqual([]);
    const maker = { userId: userId("office@example.com"), orgId: null, ip: "" };
    expect(
      importRecords(db, {
        rows,
        batch: "11111111-1111-1111-1111-111111111111",
        sha256: "x",
        actor: maker,
      }),
    ).toBe(3);
    expect(
      importRecords(db, {
        rows,
        batch: "11111111-1111-1111-1111-111111111111",
        sha256: "x",
        actor: maker,
      }),
    ).toBe(0);
    expect(
      verifyBatch(db, { batch: "11111111-1111-1111-1111-111111111111", actor: maker }),
    ).toEqual({ ok: false, reason: "own_record" });

    const before = yearProgress(sqlite, db, new Date().getUTCFullYear(), "zh-CN").counted.totalFen;
    const checker = { userId: userId("verifier@example.com"), orgId: null, ip: "" };
    expect(
      verifyBatch(db, { batch: "11111111-1111-1111-1111-111111111111", actor: checker }),
    ).toEqual({ ok: true, count: 3 });
    expect(
      yearProgress(sqlite, db, new Date().getUTCFullYear(), "zh-CN").counted.totalFen - before,
    ).toBe(30_000);
    expect(verifyLedger(sqlite).problem).toBeNull();
  });

  it("counts none of a batch when one of its invoices was already counted", () => {
    const { rows } = checkImport(csv(["B1", "A2", "B3"]), lookups());
    const maker = { userId: userId("office@example.com"), orgId: null, ip: "" };
    importRecords(db, {
      rows,
      batch: "22222222-2222-2222-2222-222222222222",
      sha256: "x",
      actor: maker,
    });
    const entries = verifyLedger(sqlite).entries;
    const result = verifyBatch(db, {
      batch: "22222222-2222-2222-2222-222222222222",
      actor: { userId: userId("verifier@example.com"), orgId: null, ip: "" },
    });
    expect(result).toMatchObject({ ok: false, reason: "duplicate_invoice" });
    expect(verifyLedger(sqlite).entries).toBe(entries);
    const statuses = db
      .select({ status: outsideRecords.status })
      .from(outsideRecords)
      .where(eq(outsideRecords.importBatch, "22222222-2222-2222-2222-222222222222"))
      .all()
      .map((r) => r.status);
    expect(statuses).toEqual(["pending", "pending", "pending"]);
  });
});
