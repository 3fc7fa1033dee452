import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { attribute, campaignYearOf, GENESIS_HASH } from "~/domain/ledger";
import {
  appendEntry,
  LedgerRefusal,
  loadPairings,
  reverseEntry,
  verifyLedger,
  yearProgress,
  type AppendInput,
} from "~/models/ledger.server";
import { createRecord, rejectRecord, verifyRecord } from "~/models/records.server";
import { ledgerEntries, organisations, outsideRecords, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

const { db, sqlite } = freshDatabase({ ledger: true });
afterAll(() => sqlite.close());

const pairingTable = new Map([
  ["350102", "621126"],
  ["350103", "621102"],
]);

describe("attribution", () => {
  it("counts a budget unit in its district, paired when the county is its partner", () => {
    const a = attribute(
      {
        orgId: 7,
        name: "鼓楼某单位",
        type: "budget_unit",
        jurisdictionCode: "350102",
        parentOrgId: null,
      },
      "621126",
      pairingTable,
    );
    expect(a).toMatchObject({
      buyerType: "budget_unit",
      jurisdictionCode: "350102",
      paired: true,
      statsOrgId: 7,
    });
    expect(
      attribute(
        { orgId: 7, name: "x", type: "budget_unit", jurisdictionCode: "350102", parentOrgId: null },
        "621121",
        pairingTable,
      ).paired,
    ).toBe(false);
  });

  it("counts a municipal unit toward the city total only, never paired", () => {
    const a = attribute(
      {
        orgId: 1,
        name: "市直",
        type: "budget_unit",
        jurisdictionCode: "350100",
        parentOrgId: null,
      },
      "621126",
      new Map([["350100", "621126"]]),
    );
    expect(a).toMatchObject({ jurisdictionCode: "350100", paired: false });
  });

  it("counts a trade union in its district and, for statistics, under its parent unit", () => {
    const a = attribute(
      { orgId: 9, name: "工会", type: "trade_union", jurisdictionCode: "350103", parentOrgId: 4 },
      "621102",
      pairingTable,
    );
    expect(a).toMatchObject({
      buyerType: "trade_union",
      buyerOrgId: 9,
      statsOrgId: 4,
      paired: true,
    });
  });

  it("types enterprises that sell on as channels", () => {
    const a = attribute(
      {
        orgId: 3,
        name: "超市",
        type: "enterprise",
        jurisdictionCode: "350104",
        parentOrgId: null,
        isChannel: true,
      },
      "621124",
      pairingTable,
    );
    expect(a.buyerType).toBe("channel");
  });

  it("puts an entry in the Shanghai calendar year", () => {
    expect(campaignYearOf(new Date("2020-12-31T16:30:00Z"))).toBe(2021);
    expect(campaignYearOf(new Date("2020-12-31T15:30:00Z"))).toBe(2020);
  });
});

const seller = () => db.select().from(organisations).where(eq(organisations.side, "seller")).get()!;
const input = (over: Partial<AppendInput> = {}): AppendInput => ({
  countedAt: new Date("2026-03-01T02:00:00Z"),
  amountFen: 123_456,
  sourceKind: "outside_record",
  sourceRef: `test:${Math.random()}`,
  buyer: {
    orgId: null,
    name: "测试食堂",
    type: "budget_unit",
    jurisdictionCode: "350102",
    parentOrgId: null,
  },
  countyCode: "621126",
  seller: { orgId: seller().id, name: seller().nameZh },
  kind: "purchase",
  channel: "offline",
  certified: true,
  invoiceNumber: `INV-${Math.random()}`,
  evidenceRef: "scan",
  // Two different people: the maker and the checker (ids need no user row here).
  recordedBy: 1,
  verifiedBy: 2,
  ...over,
});

describe("appending", () => {
  it("chains each entry to the one before and keeps the summary in step", () => {
    const before = yearProgress(sqlite, db, 2026, "zh-CN");
    const entry = appendEntry(db, input());
    const previous = db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.seq, entry.seq - 1))
      .get();
    expect(entry.prevHash).toBe(previous?.hash ?? GENESIS_HASH);
    const after = yearProgress(sqlite, db, 2026, "zh-CN");
    expect(after.counted.totalFen - before.counted.totalFen).toBe(123_456);
    const gulou = (p: typeof after) => p.jurisdictions.find((j) => j.code === "350102")!.countedFen;
    expect(gulou(after) - gulou(before)).toBe(123_456);
    const min = (p: typeof after) => p.originCounties.find((c) => c.code === "621126")!.countedFen;
    expect(min(after) - min(before)).toBe(123_456);
    expect(after.ledger.headHash).toBe(entry.hash);
  });

  it("refuses the same source twice and the same invoice from the same seller twice", () => {
    const first = input({ invoiceNumber: "FP-0001" });
    appendEntry(db, first);
    expect(() => appendEntry(db, { ...first })).toThrow(new LedgerRefusal("duplicate_source"));
    expect(() => appendEntry(db, { ...first, sourceRef: "another" })).toThrow(
      new LedgerRefusal("duplicate_invoice"),
    );
    // The same number from another seller is another invoice.
    const other = db.select().from(organisations).where(eq(organisations.side, "seller")).all()[1]!;
    expect(() =>
      appendEntry(db, {
        ...first,
        sourceRef: "third",
        seller: { orgId: other.id, name: other.nameZh },
      }),
    ).not.toThrow();
  });

  it("reverses an entry with a negative one that names it, once", () => {
    const entry = appendEntry(db, input({ amountFen: 5_000_00 }));
    const before = yearProgress(sqlite, db, 2026, "zh-CN").counted.totalFen;
    const reversal = reverseEntry(db, {
      seq: entry.seq,
      countedAt: new Date("2026-03-02T02:00:00Z"),
      recordedBy: null,
      verifiedBy: null,
      evidenceRef: "退款",
    });
    expect(reversal).toMatchObject({
      amountFen: -5_000_00,
      reversesSeq: entry.seq,
      jurisdictionCode: entry.jurisdictionCode,
    });
    expect(yearProgress(sqlite, db, 2026, "zh-CN").counted.totalFen).toBe(before - 5_000_00);
    expect(() =>
      reverseEntry(db, {
        seq: entry.seq,
        countedAt: new Date(),
        recordedBy: null,
        verifiedBy: null,
        evidenceRef: "",
      }),
    ).toThrow(LedgerRefusal);
    expect(() =>
      reverseEntry(db, {
        seq: reversal.seq,
        countedAt: new Date(),
        recordedBy: null,
        verifiedBy: null,
        evidenceRef: "",
      }),
    ).toThrow(LedgerRefusal);
  });

  it("refuses amounts that are not positive whole fen", () => {
    expect(() => appendEntry(db, input({ amountFen: 0 }))).toThrow(RangeError);
    expect(() => appendEntry(db, input({ amountFen: 12.5 }))).toThrow(RangeError);
  });
});

describe("append-only and tamper-evident", () => {
  it("the database refuses to edit or delete an entry", () => {
    expect(() =>
      sqlite.prepare("update ledger_entries set amount_fen = 1 where seq = 1").run(),
    ).toThrow(/append-only/);
    expect(() => sqlite.prepare("delete from ledger_entries where seq = 1").run()).toThrow(
      /append-only/,
    );
  });

  it("verifies a clean chain, and names the first entry edited behind the application's back", () => {
    const clean = verifyLedger(sqlite);
    expect(clean.problem).toBeNull();
    expect(clean.summaryMismatches).toEqual([]);
    expect(clean.entries).toBe(sqlite.prepare("select count(*) from ledger_entries").pluck().get());

    const copy = freshDatabase({ ledger: true });
    copy.sqlite.exec("drop trigger ledger_entries_no_update");
    copy.sqlite
      .prepare("update ledger_entries set amount_fen = amount_fen + 100 where seq = 42")
      .run();
    expect(verifyLedger(copy.sqlite).problem).toMatchObject({ seq: 42, problem: "hash" });
    copy.sqlite.close();
  });
});

describe("/progress.json's sums agree", () => {
  for (const year of [2020, 2026]) {
    it(`in ${year}`, () => {
      const p = yearProgress(sqlite, db, year, "en");
      const sum = (xs: { countedFen: number }[]) => xs.reduce((s, x) => s + x.countedFen, 0);
      expect(p.counted.totalFen).toBeGreaterThan(0);
      expect(sum(p.originCounties)).toBe(p.counted.totalFen);
      expect(sum(p.buyerTypes)).toBe(p.counted.totalFen);
      expect(sum(p.months)).toBe(p.counted.totalFen);
      expect(sum(p.jurisdictions) + p.municipalFen).toBe(p.counted.totalFen);
      expect(p.counted.purchaseFen + p.counted.helpedSaleFen).toBe(p.counted.totalFen);
      expect(p.counted.onlineFen + p.counted.offlineFen).toBe(p.counted.totalFen);
      const direct = sqlite
        .prepare("select sum(amount_fen) from ledger_entries where year = ?")
        .pluck()
        .get(year);
      expect(p.counted.totalFen).toBe(direct);
      expect(Object.keys(p)).toEqual([
        "year",
        "currency",
        "generatedAt",
        "target",
        "counted",
        "jurisdictions",
        "municipalFen",
        "originCounties",
        "buyerTypes",
        "months",
        "ledger",
      ]);
    });
  }
});

describe("outside records: maker and checker", () => {
  const office = () => db.select().from(users).where(eq(users.email, "office@example.com")).get()!;
  const verifier = () =>
    db.select().from(users).where(eq(users.email, "verifier@example.com")).get()!;
  const record = (invoiceNumber: string) => ({
    buyerName: "福州某超市",
    buyerType: "channel" as const,
    jurisdictionCode: "350103",
    sellerOrgId: seller().id,
    countyCode: "621102",
    productDescription: "马铃薯",
    amount: 88_800_00,
    saleDate: "2026-03-01",
    kind: "helped_sale" as const,
    channel: "offline" as const,
    certified: true,
    invoiceNumber,
    contractRef: "",
  });
  const evidence = {
    key: "00000000-0000-0000-0000-000000000000.pdf",
    type: "application/pdf" as const,
    sha256: "x",
  };

  it("counts only after a second person verifies, attributed as recorded", () => {
    const maker = { userId: office().id, orgId: null, ip: "" };
    const id = createRecord(db, { record: record("FP-REC-1"), evidence, actor: maker });
    const before = yearProgress(sqlite, db, 2026, "zh-CN");
    expect(verifyRecord(db, { recordId: id, actor: maker })).toEqual({
      ok: false,
      reason: "own_record",
    });
    const result = verifyRecord(
      db,
      { recordId: id, actor: { userId: verifier().id, orgId: null, ip: "" } },
      new Date("2026-03-05T02:00:00Z"),
    );
    expect(result.ok).toBe(true);
    const after = yearProgress(sqlite, db, 2026, "zh-CN");
    expect(after.counted.totalFen - before.counted.totalFen).toBe(88_800_00);
    expect(after.counted.helpedSaleFen - before.counted.helpedSaleFen).toBe(88_800_00);
    const entry = db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.sourceRef, `record:${id}`))
      .get()!;
    expect(entry).toMatchObject({
      jurisdictionCode: "350103",
      countyCode: "621102",
      paired: true,
      buyerType: "channel",
      recordedBy: office().id,
      verifiedBy: verifier().id,
    });
    expect(db.select().from(outsideRecords).where(eq(outsideRecords.id, id)).get()).toMatchObject({
      status: "verified",
      ledgerSeq: entry.seq,
    });
    // Decided once.
    expect(
      verifyRecord(db, { recordId: id, actor: { userId: verifier().id, orgId: null, ip: "" } }),
    ).toEqual({ ok: false, reason: "not_found" });
  });

  it("refuses to count a second record with an invoice already counted, and changes nothing", () => {
    const maker = { userId: office().id, orgId: null, ip: "" };
    const id = createRecord(db, { record: record("FP-REC-1"), evidence, actor: maker });
    const before = verifyLedger(sqlite);
    expect(
      verifyRecord(db, { recordId: id, actor: { userId: verifier().id, orgId: null, ip: "" } }),
    ).toEqual({ ok: false, reason: "duplicate_invoice" });
    expect(verifyLedger(sqlite).entries).toBe(before.entries);
    expect(db.select().from(outsideRecords).where(eq(outsideRecords.id, id)).get()?.status).toBe(
      "pending",
    );
  });

  it("keeps a rejection's reason and never counts it", () => {
    const id = createRecord(db, {
      record: record("FP-REC-2"),
      evidence,
      actor: { userId: office().id, orgId: null, ip: "" },
    });
    const before = verifyLedger(sqlite).entries;
    expect(
      rejectRecord(db, {
        recordId: id,
        reason: "发票金额与凭证不符",
        actor: { userId: verifier().id, orgId: null, ip: "" },
      }).ok,
    ).toBe(true);
    expect(db.select().from(outsideRecords).where(eq(outsideRecords.id, id)).get()).toMatchObject({
      status: "rejected",
      rejectReason: "发票金额与凭证不符",
    });
    expect(verifyLedger(sqlite).entries).toBe(before);
  });

  it("uses the pairing table as it is when counted", () => {
    expect(loadPairings(db).get("350103")).toBe("621102");
  });
});
